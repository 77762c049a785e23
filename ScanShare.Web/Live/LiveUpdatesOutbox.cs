using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ScanShare.Core.Queueing;
using StackExchange.Redis;

namespace ScanShare.Web.Live;

/// <summary>
/// Sends what this instance commits to the other app instances through Redis, in order, from one background sender:
/// the queue engine hands a message over and never waits for Redis nor hears of its failures.
/// </summary>
public sealed class LiveUpdatesOutbox(IConnectionMultiplexer redis, IOptions<LiveUpdatesOptions> options, ILogger<LiveUpdatesOutbox> logger)
    : BackgroundService
{
    private const int Capacity = 1000;

    private readonly Channel<LiveUpdate> _pending = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    /// <summary>Marks this instance's messages, so that it does not take them in a second time.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public void Send(QueueEvent queueEvent) => Enqueue(new LiveUpdate(InstanceId, QueueEvent: queueEvent));

    public void Send(IReadOnlyList<long> visitLinkChanges) => Enqueue(new LiveUpdate(InstanceId, VisitLinks: [.. visitLinkChanges]));

    public void SendResync() => Enqueue(new LiveUpdate(InstanceId, Resync: true));

    private void Enqueue(LiveUpdate update)
    {
        if (!_pending.Writer.TryWrite(update))
        {
            logger.LogWarning("Dropped {Update} for the other app instances: {Capacity} messages already wait for Redis", update, Capacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = options.Value.RedisChannel();
        var subscriber = redis.GetSubscriber();
        await foreach (var update in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            // An event sent late would replay an old call on the others' TVs; the resync that follows Redis's
            // return makes their screens reload instead.
            if (!update.Resync && !redis.IsConnected)
            {
                continue;
            }

            try
            {
                await subscriber.PublishAsync(channel, update.ToJson());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not send {Update} to the other app instances", update);
            }
        }
    }
}
