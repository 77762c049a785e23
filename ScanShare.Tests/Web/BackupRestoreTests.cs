using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Tests.Support;
using Xunit.Abstractions;

namespace ScanShare.Tests.Web;

/// <summary>The documented commands, run as separate processes against the database of a running (or stopped) app.</summary>
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-backup-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task BackupsTakenWhileSharesArriveHoldEveryShareAcknowledgedBeforeThemAndPassTheIntegrityCheck()
    {
        await using var app = new ScanShareAppFactory { OnSqliteFile = true };
        var gateway = new GatewayClient(app);
        var acknowledged = new ConcurrentQueue<Guid>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var load = Enumerable.Range(0, 3).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 1500 && !stop.IsCancellationRequested; i++)
            {
                var requestId = Guid.NewGuid();
                using var response = await gateway.ShareAsync(i % 2 == 0 ? "OPD-REG-1" : "LAB-1", GatewayClient.Patient(worker * 10_000 + i), requestId: requestId);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged.Enqueue(requestId);
                }
            }
        })).ToList();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(acknowledged.Count >= 20), TimeSpan.FromSeconds(30)));

        var backups = new List<(string File, HashSet<Guid> AcknowledgedBefore)>();
        for (var n = 0; n < 3; n++)
        {
            var before = acknowledged.ToHashSet();
            var file = Path.Combine(_directory, $"under-load-{n}.db");
            var result = await AppCommand.RunAsync(app.DataDirectory, "backup", "--to", file);
            Assert.True(result.ExitCode == 0, result.Error);
            backups.Add((file, before));
        }

        var acknowledgedWhileBackingUp = acknowledged.Count - backups[0].AcknowledgedBefore.Count;
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine($"{acknowledgedWhileBackingUp} shares acknowledged while the backups were taken, {acknowledged.Count} in all");
        Assert.True(acknowledgedWhileBackingUp > 0, "shares kept arriving while the backups were taken");
        foreach (var (file, acknowledgedBefore) in backups)
        {
            Assert.False(File.Exists(file + "-wal"), "a backup is one file");
            var restoredTo = Path.Combine(_directory, Path.GetFileNameWithoutExtension(file));
            var restored = ScanShareDatabase.SqliteConnectionString(restoredTo);
            await DatabaseRestore.RestoreAsync(file, restored, DateTimeOffset.UtcNow);

            await using var db = new ScanShareDbContext(new DbContextOptionsBuilder<ScanShareDbContext>().UseSqlite(restored).Options);
            Assert.Equal("ok", (await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Single());
            var inBackup = (await db.ShareRecords.Select(s => s.RequestId).ToListAsync()).ToHashSet();
            var missing = acknowledgedBefore.Except(inBackup).ToList();
            output.WriteLine($"{Path.GetFileName(file)}: {acknowledgedBefore.Count} shares acknowledged before it began, {inBackup.Count} in it, {missing.Count} missing");
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledgedBefore.Count} acknowledged shares are missing from {file}");
        }
    }

    [Fact]
    public async Task ARestoreRefusedWhileTheAppRunsThenBringsBackTheBackupWithItsSignInsAndKeepsTheReplacedFile()
    {
        var first = new ScanShareAppFactory { OnSqliteFile = true };
        var gateway = new GatewayClient(first);
        var clerkCookies = await first.SignInCookiesAsync("clerk");
        var beforeBackup = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await gateway.ShareAsync("OPD-REG-1", GatewayClient.Patient(1), requestId: beforeBackup)).StatusCode);
        var backup = Path.Combine(_directory, "before-the-mistake.db");
        var backedUp = await AppCommand.RunAsync(first.DataDirectory, "backup", "--to", backup);
        var afterBackup = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await gateway.ShareAsync("OPD-REG-1", GatewayClient.Patient(2), requestId: afterBackup)).StatusCode);

        var whileRunning = await AppCommand.RunAsync(first.DataDirectory, "restore", "--from", backup);
        await using var restarted = first.Restarted();
        await first.DisposeAsync();
        var stopped = await AppCommand.RunAsync(restarted.DataDirectory, "restore", "--from", backup);

        Assert.True(backedUp.ExitCode == 0, backedUp.Error);
        Assert.Equal(1, whileRunning.ExitCode);
        Assert.Contains("ScanShare is running", whileRunning.Error);
        Assert.True(stopped.ExitCode == 0, stopped.Error);
        Assert.Contains("integrity check ok", stopped.Output);
        Assert.Equal(HttpStatusCode.OK, await HomePageStatusAsync(restarted, clerkCookies));
        await using (var db = restarted.CreateDbContext())
        {
            Assert.Equal([beforeBackup], await db.ShareRecords.Select(s => s.RequestId).ToListAsync());
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }

        var aside = Assert.Single(Directory.GetFiles(restarted.DataDirectory, "scanshare.db.before-restore-*"), f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));
        await using (var replaced = new ScanShareDbContext(new DbContextOptionsBuilder<ScanShareDbContext>().UseSqlite($"Data Source={aside};Pooling=False").Options))
        {
            Assert.Equal(2, await replaced.ShareRecords.CountAsync(s => s.RequestId == beforeBackup || s.RequestId == afterBackup));
        }

        // The keys came from the database: a server with a database of its own does not know the session.
        await using var stranger = new ScanShareAppFactory { OnSqliteFile = true };
        Assert.Equal(HttpStatusCode.Redirect, await HomePageStatusAsync(stranger, clerkCookies));
    }

    [Fact]
    public async Task RestoreRefusesAFileThatIsNotAScanShareDatabaseAndLeavesTheDatabaseAlone()
    {
        var notABackup = Path.Combine(_directory, "notes.db");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(notABackup, "not a database");
        var data = Path.Combine(_directory, "data");

        var result = await AppCommand.RunAsync(data, "restore", "--from", notABackup);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was not restored", result.Error);
        Assert.False(File.Exists(Path.Combine(data, "scanshare.db")));
    }

    private static async Task<HttpStatusCode> HomePageStatusAsync(WebApplicationFactory<Program> app, string cookies)
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", cookies);
        using var response = await http.GetAsync("/");
        return response.StatusCode;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
