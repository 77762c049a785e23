using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScanShare.Bench.Reporting;

/// <summary>The run's figures: printed as one JSON line and summarised in Markdown.</summary>
public sealed record BenchReport(
    double SustainedSharesPerSecond,
    double CallbacksPerSecondDuringMax,
    double BaselineMaxPerSecond,
    double RatioToBaseline,
    double AcceptP50Ms,
    double AcceptP99Ms,
    double? ScanToPushP99MsAt200,
    double? OnShareP99MsAt200,
    int Subscribers,
    int MaxConcurrency,
    int Non2xx,
    int Errors5xx,
    int NoAnswer,
    int DuplicateTokens,
    int LostCallbacks,
    IReadOnlyDictionary<string, int> SharesByStatus,
    long PeakWorkingSetMb,
    int Cores,
    string Os,
    string Runtime,
    bool AllTargetsMet,
    IReadOnlyList<PhaseReport> Phases,
    IReadOnlyList<TargetCheck> Targets)
{
    private static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DateTimeOffset RunAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>How busy the machine was just before the run (Linux): other work on the same cores skews every figure.</summary>
    public MachineLoad? LoadBeforeRun { get; init; }

    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonLine);

    public static long PeakWorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

    public static (int Cores, string Os, string Runtime) Machine() =>
        (Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
}
