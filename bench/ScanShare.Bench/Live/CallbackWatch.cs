using System.Collections.Concurrent;
using ScanShare.Bench.Load;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Live;

/// <summary>When the simulated gateway received the on-share callback of each share, by the share's request id.</summary>
public sealed class CallbackWatch : IDisposable
{
    private readonly ConcurrentDictionary<Guid, long> _firstReceivedAt = new();
    private readonly IDisposable _subscription;
    private long _received;

    public CallbackWatch(SimulatorInbox inbox) => _subscription = inbox.Subscribe(OnCallback);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Callbacks received for a share that had already been answered.</summary>
    public long Repeated => Received - _firstReceivedAt.Count;

    public bool TryGet(Guid shareRequestId, out long receivedAt) => _firstReceivedAt.TryGetValue(shareRequestId, out receivedAt);

    public long CountBetween(long from, long to) => _firstReceivedAt.Values.Count(at => at >= from && at <= to);

    private void OnCallback(SimulatorCallback callback)
    {
        var receivedAt = Timestamps.Now;
        Interlocked.Increment(ref _received);
        if (callback.ShareRequestId is { } requestId)
        {
            _firstReceivedAt.TryAdd(requestId, receivedAt);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
