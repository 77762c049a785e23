using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScanShare.Core.Data;
using ScanShare.Tests.Support;
using ScanShare.Web.Hosting;

namespace ScanShare.Tests.Hosting;

public sealed class ScheduledBackupTests
{
    [Fact]
    public async Task TheFirstBackupIsTakenAtStartThenOneEveryIntervalKeepingTheNewestOnes()
    {
        await using var database = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        var clock = new FakeTimeProvider(TestDatabase.MorningInIndia);
        var location = new DatabaseLocation(database.ConnectionString);
        var options = new BackupOptions { Interval = TimeSpan.FromDays(1), KeepCount = 3, KeepDays = 30 };
        using var backups = new ScheduledBackup(location, Options.Create(options), clock, NullLogger<ScheduledBackup>.Instance);

        await backups.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(backups.Folder.Existing().Count == 1), TimeSpan.FromSeconds(10)));
        for (var day = 1; day <= 4; day++)
        {
            await AdvanceUntilAsync(clock, () => backups.Folder.Existing() is [var newest, ..] && newest.TakenAt >= TestDatabase.MorningInIndia.AddDays(day));
        }

        await backups.StopAsync(CancellationToken.None);

        var kept = backups.Folder.Existing();
        Assert.Equal([4, 3, 2], kept.Select(b => (b.TakenAt - TestDatabase.MorningInIndia).Days));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(DatabaseBackup.DatabaseFile(database.ConnectionString))!, "backups"), backups.Folder.Path);
        foreach (var (file, _) in kept)
        {
            Assert.Null(await DatabaseBackup.ProblemWithAsync(file));
        }
    }

    [Fact]
    public void RetentionDropsBackupsPastTheCountOrTheAgeButNeverTheNewestNorOtherFiles()
    {
        var folder = new BackupFolder(Path.Combine(Path.GetTempPath(), "scanshare-backup-folder-tests", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(folder.Path);
        var now = TestDatabase.MorningInIndia;
        try
        {
            foreach (var daysAgo in new[] { 40, 20, 10, 3, 2, 1 })
            {
                File.WriteAllText(folder.FileFor(now.AddDays(-daysAgo)), "");
            }

            File.WriteAllText(Path.Combine(folder.Path, "scanshare-before-upgrade.db"), "");
            File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "");

            var byAge = folder.Prune(now, keepCount: 10, keepDays: 15);
            var byCount = folder.Prune(now, keepCount: 2, keepDays: 15);
            var onlyOld = new BackupFolder(folder.Path);
            File.Delete(folder.FileFor(now.AddDays(-1)));
            File.Delete(folder.FileFor(now.AddDays(-2)));
            var newestKept = onlyOld.Prune(now.AddDays(100), keepCount: 5, keepDays: 1);

            Assert.Equal([folder.FileFor(now.AddDays(-20)), folder.FileFor(now.AddDays(-40))], byAge);
            Assert.Equal([folder.FileFor(now.AddDays(-3)), folder.FileFor(now.AddDays(-10))], byCount);
            Assert.Empty(newestKept);
            Assert.True(File.Exists(Path.Combine(folder.Path, "scanshare-before-upgrade.db")));
            Assert.True(File.Exists(Path.Combine(folder.Path, "notes.txt")));
        }
        finally
        {
            Directory.Delete(folder.Path, recursive: true);
        }
    }

    [Fact]
    public async Task TheAppTakesABackupAtStartWhenScheduledBackupsAreOn()
    {
        await using var factory = new ScanShareAppFactory { OnSqliteFile = true };
        var app = factory.WithWebHostBuilder(builder => builder.UseSetting("Backup:Enabled", "true"));
        _ = app.Services;

        var folder = new BackupFolder(Path.Combine(factory.DataDirectory, "backups"));
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(folder.Existing().Count == 1), TimeSpan.FromSeconds(20)));
        Assert.Null(await DatabaseBackup.ProblemWithAsync(folder.Existing()[0].File));
    }

    /// <summary>Moves the clock a few hours at a time, so the service sees the time pass whenever it starts waiting.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done)
    {
        for (var step = 0; step < 200 && !done(); step++)
        {
            clock.Advance(TimeSpan.FromHours(6));
            await Eventually.TrueAsync(() => Task.FromResult(done()), TimeSpan.FromMilliseconds(250));
        }

        Assert.True(done(), "the scheduled backup did not come");
    }
}
