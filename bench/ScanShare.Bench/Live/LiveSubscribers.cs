using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ScanShare.Bench.Load;
using ScanShare.Core.Queueing;
using ScanShare.Web.Live;

namespace ScanShare.Bench.Live;

/// <summary>A queue event as one subscriber received it.</summary>
public readonly record struct PushReceipt(long TokenId, long ReceivedAt);

/// <summary>
/// Clerk dashboards and TV displays on the queue hub: most watch one queue, every tenth the whole facility (a
/// supervisor's view). Each records when every issued token reached it, while recording is on.
/// </summary>
public sealed class LiveSubscribers : IAsyncDisposable
{
    private readonly List<Subscriber> _subscribers = [];
    private volatile bool _recording;

    public int Count => _subscribers.Count;

    /// <summary>How many of the subscribers receive an event of a queue: its watchers and the facility's.</summary>
    public int WatchersOf(int queueId) => _subscribers.Count(s => s.QueueId is null || s.QueueId == queueId);

    public long EventsReceived => _subscribers.Sum(s => s.Received);

    /// <summary>
    /// Every hub connection is made here. The hub requires a signed-in member of staff: pass the sign-in cookie as
    /// <paramref name="cookieHeader"/> (see <see cref="StaffSignIn"/>).
    /// </summary>
    public static HubConnection CreateHubConnection(Uri appAddress, string? cookieHeader = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(appAddress, QueueHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                if (cookieHeader is not null)
                {
                    options.Headers["Cookie"] = cookieHeader;
                }
            })
            .Build();

    public static async Task<LiveSubscribers> ConnectAsync(Uri appAddress, int count, int facilityId, IReadOnlyList<int> queueIds, string? cookieHeader = null)
    {
        var subscribers = new LiveSubscribers();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var watchesFacility = i % 10 == 9;
            var subscriber = new Subscriber(CreateHubConnection(appAddress, cookieHeader), watchesFacility ? null : queueIds[i % queueIds.Count], subscribers);
            await subscriber.StartAsync(facilityId, ct);
            lock (subscribers._subscribers)
            {
                subscribers._subscribers.Add(subscriber);
            }
        });
        return subscribers;
    }

    public void StartRecording() => _recording = true;

    public void StopRecording() => _recording = false;

    public IEnumerable<PushReceipt> Receipts => _subscribers.SelectMany(s => s.Receipts);

    public async ValueTask DisposeAsync()
    {
        foreach (var subscriber in _subscribers)
        {
            await subscriber.Connection.DisposeAsync();
        }
    }

    private sealed class Subscriber(HubConnection connection, int? queueId, LiveSubscribers owner)
    {
        private readonly List<PushReceipt> _receipts = [];
        private long _received;

        public HubConnection Connection => connection;

        public int? QueueId => queueId;

        public long Received => Interlocked.Read(ref _received);

        public IReadOnlyList<PushReceipt> Receipts => _receipts;

        public async Task StartAsync(int facilityId, CancellationToken cancellationToken)
        {
            // SignalR runs one connection's handlers one at a time, so the list needs no lock.
            connection.On<QueueEvent>(QueueHub.EventMethod, queueEvent =>
            {
                var receivedAt = Timestamps.Now;
                Interlocked.Increment(ref _received);
                if (owner._recording && queueEvent.Kind == QueueEventKind.Issued)
                {
                    _receipts.Add(new PushReceipt(queueEvent.TokenId, receivedAt));
                }
            });
            await connection.StartAsync(cancellationToken);
            await (queueId is { } queue
                ? connection.InvokeAsync(nameof(QueueHub.WatchQueue), queue, cancellationToken)
                : connection.InvokeAsync(nameof(QueueHub.WatchFacility), facilityId, cancellationToken));
        }
    }
}
