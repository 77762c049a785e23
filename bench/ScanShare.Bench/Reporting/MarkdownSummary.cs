using System.Globalization;
using System.Text;
using ScanShare.Bench.Load;

namespace ScanShare.Bench.Reporting;

/// <summary>
/// Writes the run into docs/benchmarks.md between two markers, keeping whatever is written around them (the history
/// of optimisations with their before and after figures).
/// </summary>
public static class MarkdownSummary
{
    private const string Begin = "<!-- bench:begin (written by the benchmark; edit outside these markers) -->";
    private const string End = "<!-- bench:end -->";

    public static void WriteInto(string path, BenchReport report) => WriteBetween(path, Begin, End, Render(report));

    /// <summary>Replaces what lies between the two markers, or appends them with the text at the end of the file.</summary>
    public static void WriteBetween(string path, string beginMarker, string endMarker, string generated)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : $"# Benchmarks\n\n{beginMarker}\n{endMarker}\n";
        var begin = existing.IndexOf(beginMarker, StringComparison.Ordinal);
        var end = existing.IndexOf(endMarker, StringComparison.Ordinal);
        var updated = begin >= 0 && end > begin
            ? existing[..(begin + beginMarker.Length)] + "\n" + generated + existing[end..]
            : existing.TrimEnd() + $"\n\n{beginMarker}\n{generated}{endMarker}\n";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, updated);
    }

    private static string Render(BenchReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Last run ({report.RunAt:yyyy-MM-dd HH:mm} UTC)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {report.Cores} cores, {report.Os}, {report.Runtime}. Load generator, app, simulated gateway and " +
            $"{report.Subscribers} SignalR subscribers all share these cores; peak working set of the process {report.PeakWorkingSetMb} MB.");
        if (report.LoadBeforeRun is { } load)
        {
            md.AppendLine();
            var pressure = load.CpuPressure60sPercent is { } waited
                ? string.Create(CultureInfo.InvariantCulture, $", CPU pressure {waited:0} % (the share of the last minute some task waited for a core)")
                : "";
            md.AppendLine(CultureInfo.InvariantCulture, $"Other work on the machine just before the run: load average {load.LoadAverage1m:0.00}{pressure}.");
        }

        md.AppendLine();
        md.AppendLine("### Targets");
        md.AppendLine();
        md.AppendLine("| target | goal | measured | met |");
        md.AppendLine("|---|---|---|---|");
        foreach (var target in report.Targets)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {target.Name} | {target.Goal} | {target.Measured} | {(target.Met ? "yes" : "**no**")} |");
        }

        md.AppendLine();
        md.AppendLine("### Phases");
        md.AppendLine();
        md.AppendLine("Open-loop phases send at fixed times and count latency from the scheduled time; the max phase keeps " +
            $"{report.MaxConcurrency} shares in flight. Latencies in ms.");
        md.AppendLine();
        md.AppendLine("| target | phase | sent | 2xx/s | p50 | p90 | p99 | max | non-2xx | 5xx | CPU % | on-share p50 / p99 | scan→push p50 / p99 | callbacks/s |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var phase in report.Phases)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {phase.Target} | {phase.Phase} | {phase.Sent} | {phase.AcceptedPerSecond:0} | {phase.P50Ms:0.0} | {phase.P90Ms:0.0} | {phase.P99Ms:0.0} | {phase.MaxMs:0.0} | " +
                $"{phase.Non2xx} | {phase.Errors5xx} | {phase.CpuPercent:0} | {Pair(phase.OnShare)} | {Pair(phase.ScanToPush)} | {(phase.CallbacksPerSecond is { } c ? c.ToString("0", CultureInfo.InvariantCulture) : "")} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Shares by outcome in the database: {string.Join(", ", report.SharesByStatus.Select(s => $"{s.Key} {s.Value}"))}. " +
            $"Duplicate token numbers: {report.DuplicateTokens}. Lost callbacks: {report.LostCallbacks}.");
        md.AppendLine();
        md.AppendLine("The JSON line of this run:");
        md.AppendLine();
        md.AppendLine("```json");
        md.AppendLine(report.ToJsonLine());
        md.AppendLine("```");
        return md.ToString();
    }

    private static string Pair(Percentiles? p) => p is { Count: > 0 } ? $"{p.P50:0.0} / {p.P99:0.0}" : "";
}
