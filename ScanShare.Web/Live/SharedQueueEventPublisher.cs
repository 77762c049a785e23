using ScanShare.Core.Queueing;

namespace ScanShare.Web.Live;

/// <summary>
/// The queue engine's publisher when app instances share live updates: this instance's screens hear each event at
/// once, whatever Redis does; the other instances hear it through Redis.
/// </summary>
public sealed class SharedQueueEventPublisher(QueueEventHub local, LiveUpdatesOutbox outbox) : IQueueEventPublisher
{
    public void Publish(QueueEvent queueEvent)
    {
        local.Publish(queueEvent);
        outbox.Send(queueEvent);
    }
}
