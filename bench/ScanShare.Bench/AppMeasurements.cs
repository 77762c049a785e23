using ScanShare.Bench.Checks;
using ScanShare.Bench.Live;
using ScanShare.Bench.Load;
using ScanShare.Bench.Reporting;

namespace ScanShare.Bench;

/// <summary>
/// Joins what the load generator sent with what came back later: the on-share callbacks the simulated gateway
/// received (from the 202 to the callback) and the queue events each live subscriber received (from the share's
/// scheduled send to the push), per phase.
/// </summary>
public sealed class AppMeasurements(
    SharePlan plan, IReadOnlyList<PhaseRun> phases, DatabaseVerdict verdict, LiveSubscribers subscribers, CallbackWatch callbacks,
    Func<SendRecord, bool>? countsForPush = null)
{
    public IReadOnlyList<PhaseReport> Reports(string target, string skippedPhase)
    {
        var pushes = ScanToPushByPhase();
        var expectedPushes = ExpectedPushesByPhase();
        return [.. phases.Where(p => p.Name != skippedPhase).Select(phase =>
        {
            var delivered = callbacks.CountBetween(phase.StartedAt, phase.EndedAt);
            return PhaseReport.From(target, phase) with
            {
                OnShare = Percentiles.Of(OnShareLatencies(phase)),
                ScanToPush = pushes.TryGetValue(phase.Name, out var latencies) ? Percentiles.Of(latencies) : null,
                PushesExpected = expectedPushes.GetValueOrDefault(phase.Name),
                CallbacksDelivered = delivered,
                CallbacksPerSecond = Math.Round(delivered / phase.Seconds, 1),
            };
        })];
    }

    /// <summary>From the 202 to the callback; a callback that beat the 202 back to the gateway counts as 0.</summary>
    private IEnumerable<double> OnShareLatencies(PhaseRun phase) =>
        from send in phase.Sends
        where send.Succeeded && plan[send.PlanIndex].Kind != ShareKind.Replay
        where callbacks.TryGet(plan[send.PlanIndex].RequestId, out _)
        let receivedAt = Received(plan[send.PlanIndex].RequestId)
        select Math.Max(0, Timestamps.Milliseconds(send.AnsweredAt, receivedAt));

    private long Received(Guid requestId) => callbacks.TryGet(requestId, out var at) ? at : 0;

    private Dictionary<string, List<double>> ScanToPushByPhase()
    {
        var sends = SendsByRequestId();
        var byPhase = new Dictionary<string, List<double>>();
        foreach (var receipt in subscribers.Receipts)
        {
            if (verdict.IssuedTokens.TryGetValue(receipt.TokenId, out var token) && sends.TryGetValue(token.RequestId, out var sent)
                && (countsForPush is null || countsForPush(sent.Send)))
            {
                if (!byPhase.TryGetValue(sent.Phase, out var latencies))
                {
                    byPhase[sent.Phase] = latencies = [];
                }

                latencies.Add(Timestamps.Milliseconds(sent.Send.ScheduledAt, receipt.ReceivedAt));
            }
        }

        return byPhase;
    }

    private Dictionary<string, long> ExpectedPushesByPhase()
    {
        var sends = SendsByRequestId();
        return verdict.IssuedTokens.Values
            .Where(token => sends.ContainsKey(token.RequestId))
            .GroupBy(token => sends[token.RequestId].Phase)
            .ToDictionary(g => g.Key, g => g.Sum(token => (long)subscribers.WatchersOf(token.QueueId)));
    }

    private Dictionary<Guid, (SendRecord Send, string Phase)> SendsByRequestId() =>
        phases.SelectMany(phase => phase.Sends.Select(send => (Send: send, Phase: phase.Name)))
            .Where(s => plan[s.Send.PlanIndex].Kind != ShareKind.Replay)
            .ToDictionary(s => plan[s.Send.PlanIndex].RequestId, s => s);
}
