namespace ScanShare.Bench.Load;

/// <summary>
/// One share sent: which one, when it was due, when its answer came, the HTTP status (0: no answer) and, behind a
/// proxy, the port of the instance that answered (0: not told).
/// </summary>
public readonly record struct SendRecord(int PlanIndex, int Status, long ScheduledAt, long AnsweredAt, int UpstreamPort = 0)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public double LatencyMilliseconds => Timestamps.Milliseconds(ScheduledAt, AnsweredAt);
}

/// <summary>What one load phase did to one target.</summary>
/// <param name="OfferedRate">Shares per second for an open-loop phase; null for the closed-loop max phase.</param>
public sealed record PhaseRun(string Name, int? OfferedRate, long StartedAt, long EndedAt, IReadOnlyList<SendRecord> Sends, double CpuPercent)
{
    public double Seconds => Timestamps.Milliseconds(StartedAt, EndedAt) / 1000;

    public int Succeeded => Sends.Count(s => s.Succeeded);

    public int Non2xx => Sends.Count(s => !s.Succeeded);

    public int ServerErrors => Sends.Count(s => s.Status >= 500);

    public int NoAnswer => Sends.Count(s => s.Status == 0);

    public double SucceededPerSecond => Succeeded / Seconds;

    public Percentiles Latency => Percentiles.Of(Sends.Select(s => s.LatencyMilliseconds));
}
