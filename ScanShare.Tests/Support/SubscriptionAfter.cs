using ScanShare.Core.Queueing;

namespace ScanShare.Tests.Support;

/// <summary>
/// Runs something just before each subscription takes effect, as a commit can while a screen connects: its event is
/// published before the screen listens.
/// </summary>
public sealed class SubscriptionAfter(IQueueEventSource source, Action before) : IQueueEventSource
{
    public IDisposable Subscribe(Action<QueueEvent> handler)
    {
        before();
        return source.Subscribe(handler);
    }

    public IDisposable SubscribeResync(Action handler) => source.SubscribeResync(handler);
}
