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

    /// <summary>
    /// Runs the handler whenever events may have been missed (live updates from other app instances were cut off and
    /// are back) until the returned handle is disposed: a screen then reloads what it shows.
    /// </summary>
    IDisposable SubscribeResync(Action handler);
}

/// <summary>
/// The in-process fan-out of queue events. Handlers run on the publisher's thread, so they must only hand the
/// event on (e.g. Blazor's InvokeAsync or a SignalR send) and never block.
/// </summary>
public sealed class QueueEventHub(ILogger<QueueEventHub> logger) : IQueueEventPublisher, IQueueEventSource
{
    private ImmutableArray<Action<QueueEvent>> _handlers = [];
    private ImmutableArray<Action> _resyncHandlers = [];

    public IDisposable Subscribe(Action<QueueEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    public IDisposable SubscribeResync(Action handler)
    {
        ImmutableInterlocked.Update(ref _resyncHandlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _resyncHandlers, list => list.Remove(handler)));
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

    /// <summary>Tells every subscriber that events may have been missed.</summary>
    public void Resync()
    {
        foreach (var handler in _resyncHandlers)
        {
            try
            {
                handler();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A queue event subscriber failed to resync");
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
