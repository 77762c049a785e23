namespace ScanShare.Bench;

/// <summary>What one run does: the load phases, the live subscribers, and how long to wait for callbacks at the end.</summary>
public sealed record BenchSettings
{
    public IReadOnlyList<int> OpenLoopRates { get; init; } = [50, 200, 1000];
    public TimeSpan OpenLoopDuration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan WarmupDuration { get; init; } = TimeSpan.FromSeconds(3);
    public int WarmupRate { get; init; } = 300;

    /// <summary>Requests kept in flight by the closed-loop max phase.</summary>
    public int MaxConcurrency { get; init; } = 32;

    /// <summary>The open-loop generator never has more than this many requests outstanding.</summary>
    public int MaxInFlight { get; init; } = 2_000;
    public int Subscribers { get; init; } = 200;

    /// <summary>Shares prepared for the app's max phase; the phase stops early if the app would need more.</summary>
    public int MaxPhaseShares { get; init; } = 75_000;
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public bool WriteDocs { get; init; } = true;

    public Cluster.DatabaseKind Database { get; init; } = Cluster.DatabaseKind.Sqlite;

    /// <summary>App instances; more than one needs PostgreSQL, and puts redis-server and nginx in front.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>One run of the same phases against the bare baseline, SQLite × 1, PostgreSQL × 1 and PostgreSQL × 2.</summary>
    public bool Compare { get; init; }

    /// <summary>Live screens opened in one instance: Chromium TV pages (real Blazor circuits) and hub connections.</summary>
    public int? BrowserScreens { get; init; }

    public int HubScreens { get; init; } = 1_000;

    /// <summary>Counter desk pages the screens run opens after its TV pages, one per counter in turn.</summary>
    public int DeskScreens { get; init; } = 24;

    /// <summary>The rate at which the latency targets (scan to push, on-share) are judged.</summary>
    public const int LatencyTargetRate = 200;

    public static BenchSettings FromArgs(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--quick" => settings with
                {
                    OpenLoopDuration = TimeSpan.FromSeconds(3),
                    MaxDuration = TimeSpan.FromSeconds(5),
                    WarmupDuration = TimeSpan.FromSeconds(1),
                    MaxPhaseShares = 30_000,
                    WriteDocs = false,
                },
                "--subscribers" => settings with { Subscribers = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--concurrency" => settings with { MaxConcurrency = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--no-docs" => settings with { WriteDocs = false },
                "--provider" => settings with { Database = Enum.Parse<Cluster.DatabaseKind>(args[++i], ignoreCase: true) },
                "--instances" => settings with { Instances = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--compare" => settings with
                {
                    Compare = true,
                    OpenLoopRates = [50, 200],
                    OpenLoopDuration = TimeSpan.FromSeconds(5),
                    MaxDuration = TimeSpan.FromSeconds(10),
                    WarmupDuration = TimeSpan.FromSeconds(2),
                    MaxPhaseShares = 20_000,
                },
                "--screens" => settings with { BrowserScreens = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--hub-screens" => settings with { HubScreens = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--desk-screens" => settings with { DeskScreens = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick, --subscribers N, --concurrency N, --no-docs, " +
                    "--provider sqlite|postgres, --instances N, --compare, --screens N [--hub-screens N] [--desk-screens N], --micro or --reports."),
            };
        }

        return settings;
    }
}
