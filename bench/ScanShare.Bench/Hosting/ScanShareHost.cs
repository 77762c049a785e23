using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Web.Hosting;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Hosting;

/// <summary>
/// The real ScanShare app on Kestrel at 127.0.0.1 and a free port, in Development so that the built-in gateway
/// simulator signs the shares and receives the callbacks; a fresh SQLite database in a temp folder.
/// </summary>
public sealed class ScanShareHost : WebApplicationFactory<Program>, ILoadTarget
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-bench", Guid.NewGuid().ToString("N"));
    private readonly string _facilityFile;

    private ScanShareHost(FacilitySettings facility)
    {
        Directory.CreateDirectory(_directory);
        _facilityFile = Path.Combine(_directory, "facility.appsettings.json");
        File.WriteAllText(_facilityFile, JsonSerializer.Serialize(new FacilityCatalogSettings { Facilities = [facility] }));
    }

    public string Name => "ScanShare";

    public Uri BaseAddress { get; private set; } = null!;

    public SimulatorKeys Keys => Services.GetRequiredService<SimulatorKeys>();

    public SimulatorInbox Inbox => Services.GetRequiredService<SimulatorInbox>();

    public static ScanShareHost Start(FacilitySettings facility)
    {
        var host = new ScanShareHost(facility);
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
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
