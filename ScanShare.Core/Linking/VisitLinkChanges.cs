using System.Collections.Immutable;

namespace ScanShare.Core.Linking;

/// <summary>
/// Tells live screens that a visit's link (or SMS) changed, by token id, after the change committed. The gateway's
/// answers come with no queue event, so a desk's link mark listens here. Handlers run on the publisher's thread and
/// must only hand the id on.
/// </summary>
/// <param name="forward">Also hands each change published here to the other app instances, when there are any.</param>
public sealed class VisitLinkChanges(Action<IReadOnlyList<long>>? forward = null)
{
    private ImmutableArray<Action<long>> _handlers = [];

    public IDisposable Subscribe(Action<long> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    public void Publish(IEnumerable<long> tokenIds)
    {
        var changed = tokenIds.Distinct().ToArray();
        if (changed.Length > 0)
        {
            forward?.Invoke(changed);
        }

        Deliver(changed);
    }

    /// <summary>Tells this instance's screens only, as for changes committed on another app instance.</summary>
    public void Deliver(IReadOnlyList<long> tokenIds)
    {
        foreach (var tokenId in tokenIds)
        {
            foreach (var handler in _handlers)
            {
                handler(tokenId);
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
