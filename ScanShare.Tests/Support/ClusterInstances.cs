using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Tests.Support.Servers;
using ScanShare.Web.Hosting;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Support;

/// <summary>
/// Two or more app instances on one PostgreSQL database and one Redis server, as a state deployment runs them. The
/// first also plays the ABDM gateway (its built-in simulator): every instance verifies shares with its keys and sends
/// its callbacks to it, so the gateway sees every callback of every instance in one place.
/// </summary>
public sealed class ClusterInstances : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _others = [];

    private ClusterInstances(ScanShareAppFactory gateway, DatabaseConnection database, IReadOnlyDictionary<string, string?> shared)
    {
        First = gateway;
        Database = database;
        SharedSettings = shared;
    }

    /// <summary>The first instance, which also plays the gateway.</summary>
    public ScanShareAppFactory First { get; }

    public DatabaseConnection Database { get; }

    /// <summary>Settings every instance has: the bus and a short claim lease, so a dead instance's callbacks are taken over within seconds.</summary>
    public IReadOnlyDictionary<string, string?> SharedSettings { get; }

    public SimulatorKeys GatewayKeys => First.Services.GetRequiredService<SimulatorKeys>();

    public SimulatorInbox GatewayInbox => First.Services.GetRequiredService<SimulatorInbox>();

    public Uri GatewayAddress => new(First.ClientOptions.BaseAddress, "/simulator/gateway/");

    public static async Task<ClusterInstances> StartAsync()
    {
        var database = await TestDatabase.NewPostgresDatabaseAsync();
        var redis = await RedisServer.SharedAsync();
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.Configuration,
            ["LiveUpdates:Channel"] = $"cluster-{Guid.NewGuid():N}",
            ["Abdm:Gateway:CallbackClaimLease"] = "00:00:03",
        };
        var first = new ScanShareAppFactory { Database = database, Settings = shared };
        first.UseRealServer();
        return new ClusterInstances(first, database, shared);
    }

    /// <summary>Another instance in this process, on its own port.</summary>
    public ScanShareAppFactory AddInstance()
    {
        var instance = new ScanShareAppFactory { Database = Database, Settings = With(GatewaySetting()) };
        instance.UseRealServer();
        _others.Add(instance);
        return instance;
    }

    /// <summary>Another instance as a process of its own, which a test can kill.</summary>
    public async Task<AppProcess> AddProcessAsync()
    {
        var process = await AppProcess.StartAsync(With(new Dictionary<string, string?>(GatewaySetting())
        {
            [FacilityConfiguration.FileSetting] = First.FacilityFile,
            ["Database:Provider"] = Database.Provider.ToString(),
            ["ConnectionStrings:ScanShare"] = Database.ConnectionString,
            ["Staff:SignInAttemptsPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        _others.Add(process);
        return process;
    }

    /// <summary>A share as the gateway sends it, signed with the gateway's key, to any instance.</summary>
    public HttpRequestMessage Share(string counterCode, Guid requestId, int patientSeed) =>
        SimulatedShares.Create("v3", DemoFacility.HipId, counterCode, GatewayClient.Patient(patientSeed), requestId,
            GatewayKeys.CreateGatewayToken(), DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        foreach (var other in Enumerable.Reverse(_others))
        {
            await other.DisposeAsync();
        }

        await First.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(Database.ConnectionString));
    }

    private Dictionary<string, string?> GatewaySetting() => new() { ["Abdm:Gateway:BaseUrl"] = GatewayAddress.ToString() };

    private Dictionary<string, string?> With(Dictionary<string, string?> own)
    {
        foreach (var (key, value) in SharedSettings)
        {
            own[key] = value;
        }

        return own;
    }
}
