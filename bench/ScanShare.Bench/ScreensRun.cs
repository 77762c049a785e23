using System.Diagnostics;
using ScanShare.Bench.Checks;
using ScanShare.Bench.Cluster;
using ScanShare.Bench.Hosting;
using ScanShare.Bench.Live;
using ScanShare.Bench.Load;
using ScanShare.Bench.Reporting;

namespace ScanShare.Bench;

/// <summary>
/// What live screens cost one instance: the app's memory before and after opening hub connections, scan to screen
/// with them open, then the memory before and after opening TV pages and counter desks in Chromium (a Blazor circuit
/// each), and scan to screen again with those open too. The app runs
/// in this process, so its memory is this process's: the managed heap after a full collection, and the working set.
/// </summary>
public sealed class ScreensRun(BenchSettings settings, int browserScreens, TextWriter progress)
{
    // Above a whole state's peak-hour rate of scans (a few a second), with every screen watching the one facility that takes them all.
    private const int Rate = 20;
    private static readonly TimeSpan PhaseDuration = TimeSpan.FromSeconds(10);

    public async Task<ScreensReport> RunAsync()
    {
        var loadBeforeRun = MachineLoad.Read();
        await using var app = await AppCluster.StartAsync(settings.Database, 1, progress);
        var plan = await SharePlan.CreateAsync(app.Keys, Rate * (2 * (int)PhaseDuration.TotalSeconds + 2));
        var (facilityId, queueIds) = await BenchRun.FacilityAsync(app);

        // The first queue events and page loads compile and cache what every later one reuses.
        using var client = LoadGenerator.CreateClient(app.BaseAddress, maxConnections: 64);
        var generator = new LoadGenerator(client, plan, wrapAround: false);
        var warmUp = await generator.OpenLoopAsync(BenchRun.WarmUp, Rate, TimeSpan.FromSeconds(2), settings.MaxInFlight);
        await DatabaseChecks.DrainOutboxAsync(app.CreateDbContext, TimeSpan.FromSeconds(15));

        var before = Memory.Measure();
        progress.WriteLine($"Connecting {settings.HubScreens} hub screens…");
        var cookie = await StaffSignIn.CookieHeaderAsync(app.ScreensInstance.BaseAddress);
        await using var hubs = await LiveSubscribers.ConnectAsync(app.ScreensInstance.BaseAddress, settings.HubScreens, facilityId, queueIds, cookie);
        await Task.Delay(2_000);
        var afterHubs = Memory.Measure();
        progress.WriteLine($"{hubs.Count} hub screens: managed heap +{afterHubs.HeapMb - before.HeapMb:0.0} MB, working set +{afterHubs.WorkingSetMb - before.WorkingSetMb:0.0} MB");

        // The latency phase comes before the TV pages: a TV's circuit outlives its closed page for minutes, still
        // reloading its board on every event, and here every TV watches the one facility that takes every share.
        using var callbacks = new CallbackWatch(app.Inbox);
        hubs.StartRecording();
        var phase = await generator.OpenLoopAsync($"{Rate}/s", Rate, PhaseDuration, settings.MaxInFlight);
        await DatabaseChecks.DrainOutboxAsync(app.CreateDbContext, TimeSpan.FromSeconds(15));
        await Task.Delay(1_000);
        hubs.StopRecording();
        var accepted = new[] { warmUp, phase }.SelectMany(p => p.Sends).Where(s => s.Succeeded).Select(s => plan[s.PlanIndex].RequestId).ToHashSet();
        var verdict = await DatabaseChecks.VerifyAsync(app.CreateDbContext, accepted, settings.DrainTimeout);
        var measured = new AppMeasurements(plan, [warmUp, phase], verdict, hubs, callbacks).Reports(app.Name, BenchRun.WarmUp).Single();
        progress.WriteLine($"{Rate}/s with {hubs.Count} hub screens open: accept p99 {measured.P99Ms:0.0} ms, scan→screen p99 {measured.ScanToPush?.P99:0.0} ms");

        var beforePages = Memory.Measure();
        progress.WriteLine($"Opening {browserScreens} TV pages in Chromium…");
        await using var browser = await BrowserScreens.LaunchAsync();
        var tvPage = new Uri(app.ScreensInstance.BaseAddress, $"tv/{BenchFacility.HipId}/{BenchFacility.DisplayCode}?key={BenchFacility.DisplayKey}");
        var tvsLive = await browser.OpenAsync(_ => tvPage, browserScreens, "TV pages", progress);
        await Task.Delay(2_000);
        var afterPages = Memory.Measure();
        progress.WriteLine($"{tvsLive} TV pages live: managed heap +{afterPages.HeapMb - beforePages.HeapMb:0.0} MB, working set +{afterPages.WorkingSetMb - beforePages.WorkingSetMb:0.0} MB");

        progress.WriteLine($"Opening {settings.DeskScreens} counter desks in Chromium…");
        var desksLive = await browser.OpenAsync(
            i => new Uri(app.ScreensInstance.BaseAddress, $"counter/{BenchFacility.HipId}/{BenchFacility.CounterCodes[i % BenchFacility.CounterCodes.Count]}"),
            settings.DeskScreens, "desks", progress, StaffSignIn.Cookies(cookie, app.ScreensInstance.BaseAddress));
        await Task.Delay(2_000);
        var afterDesks = Memory.Measure();
        progress.WriteLine($"{desksLive} desks live: managed heap +{afterDesks.HeapMb - afterPages.HeapMb:0.0} MB, working set +{afterDesks.WorkingSetMb - afterPages.WorkingSetMb:0.0} MB");

        // The same load again with the TV pages and desks open too: the TVs all show one display, so they share one board.
        hubs.StartRecording();
        var withTvs = await generator.OpenLoopAsync($"{Rate}/s with TVs", Rate, PhaseDuration, settings.MaxInFlight);
        await DatabaseChecks.DrainOutboxAsync(app.CreateDbContext, TimeSpan.FromSeconds(15));
        await Task.Delay(1_000);
        hubs.StopRecording();
        accepted.UnionWith(withTvs.Sends.Where(s => s.Succeeded).Select(s => plan[s.PlanIndex].RequestId));
        var finalVerdict = await DatabaseChecks.VerifyAsync(app.CreateDbContext, accepted, settings.DrainTimeout);
        var measuredWithTvs = new AppMeasurements(plan, [withTvs], finalVerdict, hubs, callbacks).Reports(app.Name, BenchRun.WarmUp).Single();
        progress.WriteLine($"{Rate}/s with {tvsLive} TV pages and {desksLive} desks open too: accept p99 {measuredWithTvs.P99Ms:0.0} ms, scan→screen p99 {measuredWithTvs.ScanToPush?.P99:0.0} ms");

        var (cores, os, runtime) = BenchReport.Machine();
        return new ScreensReport(app.Name, browserScreens, tvsLive, hubs.Count, before, afterHubs, beforePages, afterPages, Rate, measured.Sent, measured.Non2xx,
            measured.P99Ms, measured.ScanToPush, measured.PushesExpected, finalVerdict.DuplicateTokens, finalVerdict.LostCallbacks, cores, os, runtime, loadBeforeRun)
        {
            WithTvs = new ScreensPhase(measuredWithTvs.Sent, measuredWithTvs.Non2xx, measuredWithTvs.P99Ms, measuredWithTvs.ScanToPush),
            Desks = new DeskScreens(settings.DeskScreens, desksLive, afterDesks),
        };
    }
}

/// <summary>This process's memory: the managed heap after a full blocking collection, and the working set, in MB.</summary>
public sealed record Memory(double HeapMb, double WorkingSetMb)
{
    public static Memory Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new Memory(Math.Round(GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, 1), Math.Round(process.WorkingSet64 / 1048576.0, 1));
    }
}
