using ScanShare.Bench.Load;

namespace ScanShare.Bench.Reporting;

/// <summary>One phase against one target, as reported. The live and callback figures exist only for the app.</summary>
public sealed record PhaseReport(
    string Target,
    string Phase,
    int? OfferedRate,
    int Sent,
    int Accepted,
    double AcceptedPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    int Non2xx,
    int Errors5xx,
    int NoAnswer,
    double CpuPercent)
{
    public Percentiles? OnShare { get; init; }
    public Percentiles? ScanToPush { get; init; }
    public long? PushesExpected { get; init; }
    public long? CallbacksDelivered { get; init; }
    public double? CallbacksPerSecond { get; init; }

    public static PhaseReport From(string target, PhaseRun run)
    {
        var latency = run.Latency;
        return new PhaseReport(target, run.Name, run.OfferedRate, run.Sends.Count, run.Succeeded, Math.Round(run.SucceededPerSecond, 1),
            latency.P50, latency.P90, latency.P99, latency.Max, run.Non2xx, run.ServerErrors, run.NoAnswer, run.CpuPercent);
    }
}
