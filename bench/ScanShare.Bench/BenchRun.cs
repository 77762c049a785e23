using Microsoft.EntityFrameworkCore;
using ScanShare.Bench.Checks;
using ScanShare.Bench.Cluster;
using ScanShare.Bench.Hosting;
using ScanShare.Bench.Live;
using ScanShare.Bench.Load;
using ScanShare.Bench.Reporting;

namespace ScanShare.Bench;

/// <summary>What one app configuration did: its phases, as reported, and the database's verdict.</summary>
public sealed record AppResult(IReadOnlyList<PhaseRun> Phases, IReadOnlyList<PhaseReport> Reports, DatabaseVerdict Verdict, int? Deadlocks);

/// <summary>
/// The whole run: the bare baseline and then the app, each through a warm-up, the open-loop rates and the
/// closed-loop max phase on the same prepared shares; then the database checks and the report.
/// </summary>
public sealed class BenchRun(BenchSettings settings, TextWriter progress)
{
    public const string WarmUp = "warm-up";
    public const string MaxPhase = "max";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);

    public async Task<BenchReport> RunAsync()
    {
        var loadBeforeRun = MachineLoad.Read();
        await using var app = await AppCluster.StartAsync(settings.Database, settings.Instances, progress);
        var plan = await PlanAsync(app);
        var baseline = await BaselineAsync(plan);
        var measured = await MeasureAppAsync(app, plan);
        var baselineReports = baseline.Where(p => p.Name != WarmUp).Select(p => PhaseReport.From("Bare Kestrel", p)).ToList();
        return Summarise(measured.Phases, measured.Reports, baselineReports, measured.Verdict) with { LoadBeforeRun = loadBeforeRun };
    }

    /// <summary>The shares of one app's run, signed with the keys of its gateway.</summary>
    public async Task<SharePlan> PlanAsync(AppCluster app)
    {
        var planSize = settings.WarmupRate * (int)settings.WarmupDuration.TotalSeconds
            + settings.OpenLoopRates.Sum(rate => rate * (int)settings.OpenLoopDuration.TotalSeconds)
            + settings.MaxPhaseShares;
        progress.WriteLine($"Preparing {planSize:N0} signed v3 shares…");
        return await SharePlan.CreateAsync(app.Keys, planSize);
    }

    public async Task<IReadOnlyList<PhaseRun>> BaselineAsync(SharePlan plan)
    {
        await using var bare = await BareBaseline.StartAsync();
        return await RunPhasesAsync(bare, plan, wrapAround: true, settleAsync: () => Task.Delay(500), subscribers: null);
    }

    /// <summary>
    /// The app's phases with the live subscribers on its screens instance, then the database checks. Behind nginx,
    /// scan to push counts only the shares another instance took, whose events reach the subscribers through the bus.
    /// </summary>
    public async Task<AppResult> MeasureAppAsync(AppCluster app, SharePlan plan)
    {
        var (facilityId, queueIds) = await FacilityAsync(app);
        progress.WriteLine($"Connecting {settings.Subscribers} live subscribers…");
        var screens = app.ScreensInstance.BaseAddress;
        var staffCookie = await StaffSignIn.CookieHeaderAsync(screens);
        await using var subscribers = await LiveSubscribers.ConnectAsync(screens, settings.Subscribers, facilityId, queueIds, staffCookie);
        using var callbacks = new CallbackWatch(app.Inbox);
        var appPhases = await RunPhasesAsync(app, plan, wrapAround: false,
            settleAsync: () => DatabaseChecks.DrainOutboxAsync(app.CreateDbContext, SettleTimeout), subscribers);

        progress.WriteLine("Draining the outbox and checking the database…");
        var acceptedRequestIds = appPhases.SelectMany(p => p.Sends).Where(s => s.Succeeded).Select(s => plan[s.PlanIndex].RequestId).ToHashSet();
        var verdict = await DatabaseChecks.VerifyAsync(app.CreateDbContext, acceptedRequestIds, settings.DrainTimeout);
        Func<SendRecord, bool>? crossesBus = app.Instances.Count > 1 ? send => app.CrossesBus(send.UpstreamPort) : null;
        var reports = new AppMeasurements(plan, appPhases, verdict, subscribers, callbacks, crossesBus).Reports(app.Name, WarmUp);
        return new AppResult(appPhases, reports, verdict, app.Deadlocks);
    }

    private async Task<IReadOnlyList<PhaseRun>> RunPhasesAsync(
        ILoadTarget target, SharePlan plan, bool wrapAround, Func<Task> settleAsync, LiveSubscribers? subscribers)
    {
        using var client = LoadGenerator.CreateClient(target.BaseAddress, maxConnections: 256);
        var generator = new LoadGenerator(client, plan, wrapAround);
        var phases = new List<PhaseRun>();

        progress.WriteLine($"{target.Name}: warm-up at {settings.WarmupRate}/s");
        phases.Add(await generator.OpenLoopAsync(WarmUp, settings.WarmupRate, settings.WarmupDuration, settings.MaxInFlight));
        await settleAsync();

        foreach (var rate in settings.OpenLoopRates)
        {
            subscribers?.StartRecording();
            var phase = await generator.OpenLoopAsync($"{rate}/s", rate, settings.OpenLoopDuration, settings.MaxInFlight);
            await settleAsync();
            subscribers?.StopRecording();
            phases.Add(Log(target, phase));
        }

        var capacity = wrapAround ? 1_000_000 : settings.MaxPhaseShares;
        phases.Add(Log(target, await generator.ClosedLoopAsync(MaxPhase, settings.MaxConcurrency, settings.MaxDuration, capacity)));
        return phases;
    }

    private PhaseRun Log(ILoadTarget target, PhaseRun phase)
    {
        var latency = phase.Latency;
        progress.WriteLine($"{target.Name}: {phase.Name,-7} {phase.Succeeded,7:N0} ok ({phase.SucceededPerSecond,8:N0}/s)  p50 {latency.P50,7:N1} ms  p99 {latency.P99,7:N1} ms  " +
            $"non-2xx {phase.Non2xx}  CPU {phase.CpuPercent:N0} %");
        return phase;
    }

    private BenchReport Summarise(
        IReadOnlyList<PhaseRun> appPhases, IReadOnlyList<PhaseReport> appReports, IReadOnlyList<PhaseReport> baselineReports, DatabaseVerdict verdict)
    {
        var max = appReports.Single(p => p.Phase == MaxPhase);
        var baselineMax = baselineReports.Single(p => p.Phase == MaxPhase);
        var atTargetRate = appReports.SingleOrDefault(p => p.OfferedRate == BenchSettings.LatencyTargetRate);
        var ratio = Math.Round(max.AcceptedPerSecond / baselineMax.AcceptedPerSecond, 3);
        var non2xx = appPhases.Sum(p => p.Non2xx);
        var errors5xx = appPhases.Sum(p => p.ServerErrors);
        var noAnswer = appPhases.Sum(p => p.NoAnswer);
        var callbacksPerSecond = max.CallbacksPerSecond ?? 0;
        var targets = Targets.Judge(max.AcceptedPerSecond, callbacksPerSecond, ratio, atTargetRate?.ScanToPush?.P99, atTargetRate?.OnShare?.P99,
            verdict.DuplicateTokens, verdict.LostCallbacks, errors5xx, settings.Subscribers);
        var (cores, os, runtime) = BenchReport.Machine();
        return new BenchReport(
            max.AcceptedPerSecond,
            callbacksPerSecond,
            baselineMax.AcceptedPerSecond,
            ratio,
            max.P50Ms,
            max.P99Ms,
            atTargetRate?.ScanToPush?.P99,
            atTargetRate?.OnShare?.P99,
            settings.Subscribers,
            settings.MaxConcurrency,
            non2xx,
            errors5xx,
            noAnswer,
            verdict.DuplicateTokens,
            verdict.LostCallbacks,
            verdict.SharesByStatus,
            BenchReport.PeakWorkingSetMegabytes(),
            cores,
            os,
            runtime,
            targets.All(t => t.Met) && non2xx == 0,
            [.. appReports, .. baselineReports],
            targets);
    }

    public static async Task<(int FacilityId, IReadOnlyList<int> QueueIds)> FacilityAsync(AppCluster app)
    {
        await using var db = app.CreateDbContext();
        var facilityId = await db.Facilities.Where(f => f.HipId == BenchFacility.HipId).Select(f => f.Id).SingleAsync();
        var queueIds = await db.Queues.Where(q => q.FacilityId == facilityId).OrderBy(q => q.Id).Select(q => q.Id).ToListAsync();
        return (facilityId, queueIds);
    }
}
