using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ScanShare.Core.Queueing;

public interface IQueueEventPublisher
{
    void Publish(QueueEvent queueEvent);
}

public interface IQueueEventSource
{
    /// <summary>Receives every committed queue event until the returned handle is disposed.</summary>
    IDisposable Subscribe(Action<QueueEvent> handler);
}

/// <summary>
/// The in-process fan-out of queue events. Handlers run on the publisher's thread, so they must only hand the
/// event on (e.g. Blazor's InvokeAsync or a SignalR send) and never block.
/// </summary>
public sealed class QueueEventHub(ILogger<QueueEventHub> logger) : IQueueEventPublisher, IQueueEventSource
{
    private ImmutableArray<Action<QueueEvent>> _handlers = [];

    public IDisposable Subscribe(Action<QueueEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    public void Publish(QueueEvent queueEvent)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(queueEvent);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A queue event subscriber failed on {Kind} of token {Label}", queueEvent.Kind, queueEvent.Label);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
