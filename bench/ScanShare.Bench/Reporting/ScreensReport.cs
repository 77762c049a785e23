using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScanShare.Bench.Load;

namespace ScanShare.Bench.Reporting;

/// <summary>What live screens cost one instance, and scan to screen with all of them open.</summary>
public sealed record ScreensReport(
    string Target,
    int TvPagesOpened,
    int TvPagesLive,
    int HubScreens,
    Memory Before,
    Memory AfterHubScreens,
    Memory BeforeTvPages,
    Memory AfterTvPages,
    int OfferedRate,
    int Sent,
    int Non2xx,
    double AcceptP99Ms,
    Percentiles? ScanToScreen,
    long? PushesExpected,
    int DuplicateTokens,
    int LostCallbacks,
    int Cores,
    string Os,
    string Runtime,
    MachineLoad? LoadBeforeRun)
{
    public const string Begin = "<!-- bench-screens:begin (written by --screens; edit outside these markers) -->";
    public const string End = "<!-- bench-screens:end -->";

    private static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DateTimeOffset RunAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The same load again once the TV pages (and the desks) are open too.</summary>
    public ScreensPhase? WithTvs { get; init; }

    /// <summary>Counter desk pages opened after the TV pages, and the memory once they were live.</summary>
    public DeskScreens? Desks { get; init; }

    public double? HeapKbPerDesk => Desks is { } d ? PerScreenKb(d.After.HeapMb - AfterTvPages.HeapMb, d.Live) : null;

    public double? WorkingSetKbPerDesk => Desks is { } d ? PerScreenKb(d.After.WorkingSetMb - AfterTvPages.WorkingSetMb, d.Live) : null;

    public double HeapKbPerCircuit => PerScreenKb(AfterTvPages.HeapMb - BeforeTvPages.HeapMb, TvPagesLive);

    public double WorkingSetKbPerCircuit => PerScreenKb(AfterTvPages.WorkingSetMb - BeforeTvPages.WorkingSetMb, TvPagesLive);

    public double HeapKbPerHubScreen => PerScreenKb(AfterHubScreens.HeapMb - Before.HeapMb, HubScreens);

    public double WorkingSetKbPerHubScreen => PerScreenKb(AfterHubScreens.WorkingSetMb - Before.WorkingSetMb, HubScreens);

    public string ToJsonLine() => JsonSerializer.Serialize(this, JsonLine);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Screens one instance holds ({RunAt:yyyy-MM-dd HH:mm} UTC, one run, {Target})");
        md.AppendLine();
        var load = LoadBeforeRun is { } l
            ? string.Create(CultureInfo.InvariantCulture, $"load average {l.LoadAverage1m:0.00}, CPU pressure {l.CpuPressure60sPercent:0} %")
            : "not recorded";
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Cores} cores, {Os}, {Runtime}; other work just before the run: {load}. " +
            $"The app runs inside the benchmark's process, so its memory is read there: the managed heap after a full blocking collection, and the process's working set.");
        md.AppendLine();
        md.AppendLine("| step | managed heap | working set | per screen (heap / working set) |");
        md.AppendLine("|---|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| app started and warmed up | {Before.HeapMb:0.0} MB | {Before.WorkingSetMb:0} MB | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| + {HubScreens} hub screens on `/hubs/queue` (server and client ends both in this process) | {AfterHubScreens.HeapMb:0.0} MB | {AfterHubScreens.WorkingSetMb:0} MB | {HeapKbPerHubScreen:0} KB / {WorkingSetKbPerHubScreen:0} KB per hub connection, both ends |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| after the latency phase below | {BeforeTvPages.HeapMb:0.0} MB | {BeforeTvPages.WorkingSetMb:0} MB | |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| + {TvPagesLive} of {TvPagesOpened} TV pages live in Chromium (a Blazor circuit each; the browser is another process) | {AfterTvPages.HeapMb:0.0} MB | {AfterTvPages.WorkingSetMb:0} MB | {HeapKbPerCircuit:0} KB / {WorkingSetKbPerCircuit:0} KB per circuit |");
        if (Desks is { } desks)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| + {desks.Live} of {desks.Opened} counter desks live in Chromium (a Blazor circuit each) | {desks.After.HeapMb:0.0} MB | {desks.After.WorkingSetMb:0} MB | {HeapKbPerDesk:0} KB / {WorkingSetKbPerDesk:0} KB per desk circuit |");
        }
        md.AppendLine();
        var screen = ScanToScreen is { Count: > 0 } p
            ? string.Create(CultureInfo.InvariantCulture, $"p50 {p.P50:0.0} ms, p90 {p.P90:0.0} ms, p99 {p.P99:0.0} ms, max {p.Max:0.0} ms over {p.Count:N0} pushes ({PushesExpected:N0} expected)")
            : "not measured";
        md.AppendLine(CultureInfo.InvariantCulture, $"With the {HubScreens} hub screens open (before the TV pages), {OfferedRate} shares/s for 10 s ({Sent} sent, {Non2xx} non-2xx): accept p99 {AcceptP99Ms:0.0} ms; " +
            $"scan→screen on the hub screens {screen}.");
        if (WithTvs is { } tvs)
        {
            var tvScreen = tvs.ScanToScreen is { Count: > 0 } q
                ? string.Create(CultureInfo.InvariantCulture, $"p50 {q.P50:0.0} ms, p90 {q.P90:0.0} ms, p99 {q.P99:0.0} ms, max {q.Max:0.0} ms over {q.Count:N0} pushes")
                : "not measured";
            md.AppendLine();
            var desksOpen = Desks is { } open ? $" and {open.Live} desks" : "";
            md.AppendLine(CultureInfo.InvariantCulture, $"With the {TvPagesLive} TV pages{desksOpen} open too, the same {OfferedRate} shares/s for 10 s ({tvs.Sent} sent, {tvs.Non2xx} non-2xx): accept p99 {tvs.AcceptP99Ms:0.0} ms; " +
                $"scan→screen on the hub screens {tvScreen}.");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Over both phases: duplicate tokens {DuplicateTokens}, lost callbacks {LostCallbacks}.");
        md.AppendLine();
        md.AppendLine("```json");
        md.AppendLine(ToJsonLine());
        md.AppendLine("```");
        return md.ToString();
    }

    private static double PerScreenKb(double deltaMb, int screens) => screens == 0 ? 0 : Math.Round(deltaMb * 1024 / screens, 1);
}

/// <summary>One measured phase of the screens run.</summary>
public sealed record ScreensPhase(int Sent, int Non2xx, double AcceptP99Ms, Percentiles? ScanToScreen);

/// <summary>Counter desk pages opened in the screens run.</summary>
public sealed record DeskScreens(int Opened, int Live, Memory After);
