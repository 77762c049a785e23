using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Web.Hosting;

namespace ScanShare.Tests.Support;

/// <summary>
/// The real app with its own SQLite file and its own facility appsettings file in a temp folder.
/// Call <see cref="UseRealServer"/> before first use to serve it on a loopback port for a browser.
/// </summary>
public class ScanShareAppFactory : WebApplicationFactory<Program>
{
    private bool _keepFiles;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-app-tests", Guid.NewGuid().ToString("N"));
    private bool _realServer;

    public ScanShareAppFactory() : this(new FacilityCatalogSettings { Facilities = [DemoFacility.Create()] }, null)
    {
    }

    private ScanShareAppFactory(FacilityCatalogSettings facilities, string? directory)
    {
        _directory = directory ?? _directory;
        Directory.CreateDirectory(_directory);
        FacilityFile = Path.Combine(_directory, "facility.appsettings.json");
        File.WriteAllText(FacilityFile, JsonSerializer.Serialize(facilities));
    }

    /// <summary>The app with a facility file of the test's own making.</summary>
    public static ScanShareAppFactory With(FacilityCatalogSettings facilities) => new(facilities, null);

    /// <summary>
    /// A second start of the same app on the same facility file and database, as after a restart; the files then
    /// belong to the new instance.
    /// </summary>
    public ScanShareAppFactory Restarted()
    {
        _keepFiles = true;
        return new(JsonSerializer.Deserialize<FacilityCatalogSettings>(File.ReadAllText(FacilityFile))!, _directory)
        {
            Clock = Clock,
            Settings = Settings,
            Database = Database ?? _defaultDatabase,
            OnSqliteFile = OnSqliteFile,
        };
    }

    /// <summary>A clock the test moves by hand, used by the app instead of the system's (set before first use).</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Settings of the test's own, over the app's (set before first use).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>A database server's database for the app (set before first use); the app's own SQLite file when null.</summary>
    public DatabaseConnection? Database { get; init; }

    public string FacilityFile { get; }

    public string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Serves the app over Kestrel on 127.0.0.1 with a free port (or the given one, as after a restart), for Playwright.</summary>
    public Uri UseRealServer(int port = 0)
    {
        _realServer = true;
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting(FacilityConfiguration.FileSetting, FacilityFile);
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.DataDirectory)}", DataDirectory);
        if ((Database ?? DefaultDatabase()) is { } database)
        {
            builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", database.Provider.ToString());
            builder.UseSetting($"ConnectionStrings:{DatabaseOptions.ConnectionStringName}", database.ConnectionString);
        }

        // Tests sign in far more often than anyone at one counter PC, all from one address; the throttle's own tests
        // lower this again. Backups are taken by the tests that are about them.
        builder.UseSetting("Staff:SignInAttemptsPerMinute", "10000");
        builder.UseSetting("Backup:Enabled", "false");
        // The simulated gateway answers linking calls at once rather than after a realistic second and a half.
        builder.UseSetting("Simulator:AnswerDelay", "00:00:00.020");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            if (!_realServer)
            {
                // In the in-memory test host the app's calls to itself (the built-in gateway simulator) go through
                // its own test server, taken from the app's services (not this factory's Server property, which
                // would start a second host if asked while the first is still starting).
                services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handler =>
                    handler.PrimaryHandler = ((TestServer)handler.Services.GetRequiredService<IServer>()).CreateHandler()));
            }
        });
    }

    private DatabaseConnection? _defaultDatabase;

    /// <summary>For tests of the SQLite file itself (backup, restore, first start): never on a database server.</summary>
    public bool OnSqliteFile { get; init; }

    /// <summary>With the suite run on PostgreSQL, a fresh database of its own; made once, so a restart finds it again.</summary>
    private DatabaseConnection? DefaultDatabase() =>
        TestDatabase.DefaultProvider == DatabaseProvider.PostgreSQL && !OnSqliteFile
            ? _defaultDatabase ??= TestDatabase.NewPostgresDatabaseAsync().GetAwaiter().GetResult()
            : null;

    /// <summary>Every line the app logged.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public ScanShareDbContext CreateDbContext() =>
        Services.CreateScope().ServiceProvider.GetRequiredService<ScanShareDbContext>();

    /// <summary>Runs one queue-engine operation the way a request would, in its own scope.</summary>
    public async Task<T> RunEngineAsync<T>(Func<QueueEngine, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<QueueEngine>());
    }

    public async Task<int> QueueIdAsync(string code)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        return await db.Queues.Where(q => q.Code == code).Select(q => q.Id).SingleAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFiles || !disposing)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean if a file is still held.
        }
    }
}
