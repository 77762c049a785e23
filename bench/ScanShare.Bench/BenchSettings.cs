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
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick, --subscribers N, --concurrency N, --no-docs or --micro."),
            };
        }

        return settings;
    }
}
