using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Live;

namespace ScanShare.Tests.Live;

/// <summary>
/// One app instance of several sharing live updates through one Redis, each on its own database, with a record of what
/// a screen subscribed to it heard.
/// </summary>
public sealed class LiveInstance : IDisposable
{
    private readonly List<QueueEvent> _events = [];
    private readonly List<long> _linkChanges = [];
    private readonly List<IDisposable> _subscriptions = [];
    private int _resyncs;

    private LiveInstance(ScanShareAppFactory app)
    {
        App = app;
        var source = app.Services.GetRequiredService<IQueueEventSource>();
        _subscriptions.Add(source.Subscribe(e => Record(_events, e)));
        _subscriptions.Add(source.SubscribeResync(() => Interlocked.Increment(ref _resyncs)));
        _subscriptions.Add(app.Services.GetRequiredService<VisitLinkChanges>().Subscribe(id => Record(_linkChanges, id)));
    }

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    public ScanShareAppFactory App { get; }

    /// <summary>Queue and label of each event heard, in order.</summary>
    public IReadOnlyList<(int QueueId, string Label)> Events => Snapshot(_events).Select(e => (e.QueueId, e.Label)).ToList();

    public IReadOnlyList<long> LinkChanges => Snapshot(_linkChanges);

    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>How many lines at this level the live updates between instances logged.</summary>
    public int LiveUpdatesLogged(LogLevel level) =>
        App.Logs.GetSnapshot().Count(r => r.Level == level && r.Category == typeof(LiveUpdatesListener).FullName);

    /// <summary>An instance that answers ready, so it hears the others.</summary>
    public static async Task<LiveInstance> StartAsync(string redis, string channel)
    {
        var instance = new LiveInstance(new ScanShareAppFactory
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis, ["LiveUpdates:Channel"] = channel },
        });
        Assert.True(await instance.AnswersAsync("/health/ready", HttpStatusCode.OK), "The instance never became ready");
        return instance;
    }

    /// <summary>A walk-in token in the queue, committed by this instance's engine; returns what screens see of it.</summary>
    public async Task<(int QueueId, string Label)> IssueAsync(string queueCode)
    {
        var queue = await App.QueueIdAsync(queueCode);
        var issued = await App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        return (queue, issued.Token.Label);
    }

    public void PublishLinkChange(long tokenId) => App.Services.GetRequiredService<VisitLinkChanges>().Publish([tokenId]);

    public Task<bool> HearsAsync((int QueueId, string Label) queueEvent) => Eventually.TrueAsync(() => Task.FromResult(Events.Contains(queueEvent)), Timeout);

    public Task<bool> HearsLinkChangeAsync(long tokenId) => Eventually.TrueAsync(() => Task.FromResult(LinkChanges.Contains(tokenId)), Timeout);

    public Task<bool> AnswersAsync(string path, HttpStatusCode status) => Eventually.TrueAsync(async () =>
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync(path);
        return response.StatusCode == status;
    }, Timeout);

    public void Dispose()
    {
        _subscriptions.ForEach(s => s.Dispose());
        App.Dispose();
    }

    private static void Record<T>(List<T> list, T item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static List<T> Snapshot<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
