using ScanShare.Bench.Hosting;
using ScanShare.Core.Data;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Cluster;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The app as deployed: one instance on SQLite, or one or more instances on a throwaway PostgreSQL server; with more
/// than one, a throwaway redis-server carries queue events between them and nginx spreads the load. The first instance
/// plays the ABDM gateway for all: its simulator signs the shares and receives every instance's callbacks. Live
/// screens are opened on the last instance, so with two the events they show cross the bus whenever the first took
/// the share.
/// </summary>
public sealed class AppCluster : ILoadTarget
{
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<ScanShareHost> _instances = [];
    private NginxProxy? _proxy;
    private PostgresServer? _postgres;

    private AppCluster(string name) => Name = name;

    public string Name { get; }

    /// <summary>Where the load goes: nginx in front of several instances, or the one instance.</summary>
    public Uri BaseAddress => _proxy?.BaseAddress ?? Gateway.BaseAddress;

    /// <summary>The instance whose simulator plays the gateway.</summary>
    public ScanShareHost Gateway => _instances[0];

    /// <summary>The instance the live screens connect to.</summary>
    public ScanShareHost ScreensInstance => _instances[^1];

    public IReadOnlyList<ScanShareHost> Instances => _instances;

    public SimulatorKeys Keys => Gateway.Keys;

    public SimulatorInbox Inbox => Gateway.Inbox;

    public ScanShareDbContext CreateDbContext() => Gateway.CreateDbContext();

    /// <summary>True when a share taken by the instance at this port reaches the screens only through the bus.</summary>
    public bool CrossesBus(int upstreamPort) => _instances.Count > 1 && upstreamPort != 0 && upstreamPort != ScreensInstance.BaseAddress.Port;

    /// <summary>Deadlocks PostgreSQL reported so far; null on SQLite.</summary>
    public int? Deadlocks => _postgres?.DeadlocksInLog();

    public static string Describe(DatabaseKind database, int instances) =>
        $"{(database == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL")} × {instances}";

    public static async Task<AppCluster> StartAsync(DatabaseKind database, int instances, TextWriter progress)
    {
        if (database == DatabaseKind.Sqlite && instances != 1)
        {
            throw new ArgumentException("SQLite is one instance's embedded database: use --provider postgres for more than one instance.");
        }

        var cluster = new AppCluster(Describe(database, instances));
        try
        {
            if (database == DatabaseKind.Sqlite)
            {
                cluster._instances.Add(ScanShareHost.Start(BenchFacility.Create()));
                return cluster;
            }

            progress.WriteLine("Starting a throwaway PostgreSQL server…");
            var postgres = await PostgresServer.StartAsync();
            cluster._servers.Add(postgres);
            cluster._postgres = postgres;
            await postgres.CreateDatabaseAsync("scanshare");
            RedisServer? redis = null;
            if (instances > 1)
            {
                progress.WriteLine("Starting a throwaway redis-server…");
                redis = await RedisServer.StartAsync();
                cluster._servers.Add(redis);
            }

            var channel = "scanshare-bench-" + Guid.NewGuid().ToString("N");
            var firstPort = instances > 1 ? LoopbackPorts.FreeRange(instances) : 0;
            var first = ScanShareHost.Start(BenchFacility.Create(), new InstanceOptions(postgres.ConnectionString("scanshare"), null, redis?.ConnectionString, channel), firstPort);
            cluster._instances.Add(first);
            var gateway = new Uri(first.BaseAddress, "simulator/gateway/");
            for (var i = 1; i < instances; i++)
            {
                cluster._instances.Add(ScanShareHost.Start(BenchFacility.Create(), new InstanceOptions(postgres.ConnectionString("scanshare"), gateway, redis?.ConnectionString, channel), firstPort + i));
            }

            if (instances > 1)
            {
                progress.WriteLine($"Starting nginx in front of {instances} instances…");
                cluster._proxy = await NginxProxy.StartAsync(BenchMain.RepositoryRoot(), firstPort, instances);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        for (var i = _instances.Count - 1; i >= 0; i--)
        {
            await _instances[i].DisposeAsync();
        }

        for (var i = _servers.Count - 1; i >= 0; i--)
        {
            await _servers[i].DisposeAsync();
        }
    }
}
