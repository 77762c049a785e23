using System.Collections.Immutable;

namespace ScanShare.Core.Linking;

/// <summary>
/// Tells live screens that a visit's link (or SMS) changed, by token id, after the change committed. The gateway's
/// answers come with no queue event, so a desk's link mark listens here. Handlers run on the publisher's thread and
/// must only hand the id on.
/// </summary>
public sealed class VisitLinkChanges
{
    private ImmutableArray<Action<long>> _handlers = [];

    public IDisposable Subscribe(Action<long> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    public void Publish(IEnumerable<long> tokenIds)
    {
        foreach (var tokenId in tokenIds.Distinct())
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
