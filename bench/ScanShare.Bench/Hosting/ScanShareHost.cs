using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Web.Abdm;
using ScanShare.Web.Hosting;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Hosting;

/// <summary>How one instance of the app is set up: its database and, in a cluster, its gateway and live-update bus.</summary>
/// <param name="PostgresConnectionString">Null: a fresh SQLite database of its own.</param>
/// <param name="GatewayBaseUrl">Null: the instance's own simulator is its gateway.</param>
/// <param name="Redis">Null: queue events stay in the instance.</param>
public sealed record InstanceOptions(string? PostgresConnectionString = null, Uri? GatewayBaseUrl = null, string? Redis = null, string? LiveChannel = null);

/// <summary>
/// The real ScanShare app on Kestrel at 127.0.0.1 and a free port, in Development so that the built-in gateway
/// simulator signs the shares and receives the callbacks; a fresh SQLite database in a temp folder, or the
/// PostgreSQL database of <see cref="InstanceOptions"/>.
/// </summary>
public sealed class ScanShareHost : WebApplicationFactory<Program>, ILoadTarget
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-bench", Guid.NewGuid().ToString("N"));
    private readonly string _facilityFile;
    private readonly InstanceOptions _options;

    private ScanShareHost(FacilitySettings facility, InstanceOptions options)
    {
        _options = options;
        Directory.CreateDirectory(_directory);
        _facilityFile = Path.Combine(_directory, "facility.appsettings.json");
        File.WriteAllText(_facilityFile, JsonSerializer.Serialize(new FacilityCatalogSettings { Facilities = [facility] }));
    }

    public string Name => "ScanShare";

    public Uri BaseAddress { get; private set; } = null!;

    public SimulatorKeys Keys => Services.GetRequiredService<SimulatorKeys>();

    public SimulatorInbox Inbox => Services.GetRequiredService<SimulatorInbox>();

    /// <param name="port">0: any free port.</param>
    public static ScanShareHost Start(FacilitySettings facility, InstanceOptions? options = null, int port = 0)
    {
        var host = new ScanShareHost(facility, options ?? new InstanceOptions());
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        host.StartServer();
        host.BaseAddress = host.ClientOptions.BaseAddress;
        return host;
    }

    public ScanShareDbContext CreateDbContext() =>
        Services.CreateScope().ServiceProvider.GetRequiredService<ScanShareDbContext>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting(FacilityConfiguration.FileSetting, _facilityFile);
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.DataDirectory)}", Path.Combine(_directory, "data"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
        if (_options.PostgresConnectionString is { } postgres)
        {
            builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", "PostgreSQL");
            builder.UseSetting($"ConnectionStrings:{DatabaseOptions.ConnectionStringName}", postgres);
        }

        if (_options.GatewayBaseUrl is { } gateway)
        {
            builder.UseSetting($"{AbdmGatewayOptions.Section}:{nameof(AbdmGatewayOptions.BaseUrl)}", gateway.ToString());
        }

        if (_options.Redis is { } redis)
        {
            builder.UseSetting("ConnectionStrings:Redis", redis);
            builder.UseSetting("LiveUpdates:Channel", _options.LiveChannel);
        }

        // Standard output carries only the benchmark's JSON line; the app's warnings go to standard error.
        builder.ConfigureServices(services => services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
