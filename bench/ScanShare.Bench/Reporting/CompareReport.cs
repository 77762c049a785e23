using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScanShare.Bench.Load;

namespace ScanShare.Bench.Reporting;

/// <summary>One target of the comparison: its max rate, its tail latencies at 200/s and the promises it kept.</summary>
public sealed record CompareRow(
    string Target,
    double MaxPerSecond,
    double? CallbacksPerSecondDuringMax,
    double AcceptP99MsAt200,
    Percentiles? ScanToScreenAt200,
    bool ScreensAcrossBus,
    int? DuplicateTokens,
    int? LostCallbacks,
    int Non2xx,
    int Errors5xx,
    double MaxPhaseCpuPercent,
    int? Deadlocks = null)
{
    public static CompareRow Baseline(IReadOnlyList<PhaseRun> phases)
    {
        var max = phases.Single(p => p.Name == BenchRun.MaxPhase);
        var at200 = phases.Single(p => p.OfferedRate == BenchSettings.LatencyTargetRate);
        return new CompareRow("Bare Kestrel", Math.Round(max.SucceededPerSecond, 1), null, at200.Latency.P99, null, false, null, null,
            phases.Sum(p => p.Non2xx), phases.Sum(p => p.ServerErrors), max.CpuPercent);
    }

    public static CompareRow App(string target, AppResult result, bool crossesBus)
    {
        var max = result.Reports.Single(p => p.Phase == BenchRun.MaxPhase);
        var at200 = result.Reports.Single(p => p.OfferedRate == BenchSettings.LatencyTargetRate);
        return new CompareRow(target, max.AcceptedPerSecond, max.CallbacksPerSecond, at200.P99Ms, at200.ScanToPush, crossesBus,
            result.Verdict.DuplicateTokens, result.Verdict.LostCallbacks, result.Phases.Sum(p => p.Non2xx), result.Phases.Sum(p => p.ServerErrors), max.CpuPercent, result.Deadlocks);
    }
}

public sealed record CompareReport(
    IReadOnlyList<CompareRow> Rows, int Subscribers, int MaxConcurrency, int Cores, string Os, string Runtime, MachineLoad? LoadBeforeRun, MachineLoad? LoadAfterRun)
{
    public const string Begin = "<!-- bench-compare:begin (written by --compare; edit outside these markers) -->";
    public const string End = "<!-- bench-compare:end -->";

    private static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DateTimeOffset RunAt { get; init; } = DateTimeOffset.UtcNow;

    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonLine);

    public bool PromisesKept => Rows.All(r => r.DuplicateTokens is null or 0 && r.LostCallbacks is null or 0 && r.Errors5xx == 0);

    public string ToMarkdown()
    {
        var baseline = Rows[0];
        var sqlite = Rows[1];
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Side by side ({RunAt:yyyy-MM-dd HH:mm} UTC, one run)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Cores} cores, {Os}, {Runtime}; {Subscribers} live hub subscribers, {MaxConcurrency} shares in flight in the max phase. " +
            $"Other work on the machine: {Load(LoadBeforeRun)} before the run, {Load(LoadAfterRun)} after it.");
        md.AppendLine();
        md.AppendLine("| target | max shares/s (closed loop) | × bare | × SQLite × 1 | callbacks/s in the max phase | accept p99 at 200/s | scan→screen p50 / p99 at 200/s | duplicate tokens | lost callbacks | non-2xx / 5xx | deadlocks retried | CPU % in max |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in Rows)
        {
            var screen = row.ScanToScreenAt200 is { Count: > 0 } p
                ? string.Create(CultureInfo.InvariantCulture, $"{p.P50:0.0} / {p.P99:0.0} ms ({p.Count:N0} pushes{(row.ScreensAcrossBus ? ", across the bus" : "")})")
                : "–";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Target} | {row.MaxPerSecond:0} | {row.MaxPerSecond / baseline.MaxPerSecond:0.000} | {(row == baseline ? "–" : (row.MaxPerSecond / sqlite.MaxPerSecond).ToString("0.00", CultureInfo.InvariantCulture))} | " +
                $"{(row.CallbacksPerSecondDuringMax is { } c ? c.ToString("0", CultureInfo.InvariantCulture) : "–")} | {row.AcceptP99MsAt200:0.0} ms | {screen} | " +
                $"{(row.DuplicateTokens?.ToString(CultureInfo.InvariantCulture) ?? "–")} | {(row.LostCallbacks?.ToString(CultureInfo.InvariantCulture) ?? "–")} | {row.Non2xx} / {row.Errors5xx} | {(row.Deadlocks?.ToString(CultureInfo.InvariantCulture) ?? "–")} | {row.MaxPhaseCpuPercent:0} |");
        }

        md.AppendLine();
        md.AppendLine("The JSON line of this run:");
        md.AppendLine();
        md.AppendLine("```json");
        md.AppendLine(ToJsonLine());
        md.AppendLine("```");
        return md.ToString();
    }

    private static string Load(MachineLoad? load) => load is null
        ? "not recorded"
        : string.Create(CultureInfo.InvariantCulture, $"load average {load.LoadAverage1m:0.00}{(load.CpuPressure60sPercent is { } p ? $", CPU pressure {p:0} %" : "")}");
}
