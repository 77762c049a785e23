using System.Collections.Concurrent;
using ScanShare.Core.Queueing;
using ScanShare.Web.Components.Shared;

namespace ScanShare.Web.Display;

/// <summary>
/// One board per configured display, shared by every screen showing it. A big hall has many TVs on one display, and a
/// closed browser's circuit lives on for minutes: if each loaded its own board on every queue event, the reads would
/// grow with screens × events. Here an event marks its facility's boards out of date and the first screen to ask loads
/// the board again; screens asking meanwhile wait for that same load. Events are published after their commit, so a
/// load started after an event sees it.
/// </summary>
public sealed class DisplayBoardSnapshots : IDisposable
{
    private readonly ConcurrentDictionary<string, Snapshot> _boards = new(StringComparer.OrdinalIgnoreCase);
    private readonly IServiceScopeFactory _scopes;
    private readonly IDisposable _events;
    private readonly IDisposable _resync;

    public DisplayBoardSnapshots(IServiceScopeFactory scopes, IQueueEventSource events)
    {
        _scopes = scopes;
        _events = events.Subscribe(e => MarkOutOfDate(e.QueueId));
        _resync = events.SubscribeResync(() => MarkOutOfDate(queueId: null));
    }

    public Task<DisplayView?> ViewAsync(DisplayTarget target) =>
        _boards.GetOrAdd($"{target.HipId}/{target.Settings.Code}", _ => new Snapshot()).Current(() => LoadAsync(target));

    public void Dispose()
    {
        _events.Dispose();
        _resync.Dispose();
    }

    private Task<DisplayView?> LoadAsync(DisplayTarget target) =>
        _scopes.QueryAsync<DisplayBoard, DisplayView?>(board => board.ViewAsync(target.HipId, target.Settings.Queues, target.Settings.Names));

    /// <param name="queueId">The queue an event changed; null for every board.</param>
    private void MarkOutOfDate(int? queueId)
    {
        foreach (var snapshot in _boards.Values)
        {
            snapshot.MarkOutOfDate(queueId);
        }
    }

    private sealed class Snapshot
    {
        private readonly Lock _lock = new();
        private Task<DisplayView?>? _load;
        private IReadOnlyList<int>? _queueIds;

        public Task<DisplayView?> Current(Func<Task<DisplayView?>> load)
        {
            lock (_lock)
            {
                if (_load is null || _load.IsFaulted || _load.IsCanceled)
                {
                    _load = LoadAndRememberQueuesAsync(load);
                }

                return _load;
            }
        }

        public void MarkOutOfDate(int? queueId)
        {
            lock (_lock)
            {
                // Before its first load, a board does not know its queues: any event makes it load again.
                if (queueId is null || _queueIds is null || _queueIds.Contains(queueId.Value))
                {
                    _load = null;
                }
            }
        }

        /// <summary>The board's queues are known before anyone sees the load finish, so the next event is judged by them.</summary>
        private async Task<DisplayView?> LoadAndRememberQueuesAsync(Func<Task<DisplayView?>> load)
        {
            var view = await load();
            if (view is not null)
            {
                lock (_lock)
                {
                    _queueIds = view.QueueIds;
                }
            }

            return view;
        }
    }
}
