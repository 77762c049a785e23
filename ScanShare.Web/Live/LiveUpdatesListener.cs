using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;
using StackExchange.Redis;

namespace ScanShare.Web.Live;

/// <summary>
/// Hands what the other app instances commit to this instance's screens, and tells them to reload when the connection
/// to Redis comes back after a loss, since messages sent meanwhile are gone (pub/sub keeps nothing).
/// </summary>
public sealed class LiveUpdatesListener(
    IConnectionMultiplexer redis,
    IOptions<LiveUpdatesOptions> options,
    LiveUpdatesOutbox outbox,
    QueueEventHub queueEvents,
    VisitLinkChanges linkChanges,
    ILogger<LiveUpdatesListener> logger) : IHostedService
{
    private ChannelMessageQueue? _messages;
    private volatile bool _listening;

    /// <summary>True while messages of the other instances reach this one and this one's reach them.</summary>
    public bool IsListening => _listening && redis.IsConnected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Live updates go to and come from the other app instances through Redis channel {Channel}", options.Value.RedisChannel());
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;

        // Fire and forget, so that it holds while Redis is down: the client subscribes again whenever it reconnects.
        _messages = await redis.GetSubscriber().SubscribeAsync(options.Value.RedisChannel(), CommandFlags.FireAndForget);
        _messages.OnMessage(Receive);
        _ = ListenAsync(resync: false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        if (_messages is not null)
        {
            await _messages.UnsubscribeAsync(CommandFlags.FireAndForget);
        }
    }

    private void Receive(ChannelMessage message)
    {
        LiveUpdate update;
        try
        {
            update = LiveUpdate.FromJson(message.Message.ToString());
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a message on {Channel} that is not a live update", message.Channel);
            return;
        }

        if (update.From == outbox.InstanceId)
        {
            return;
        }

        try
        {
            if (update.QueueEvent is { } queueEvent)
            {
                queueEvents.Publish(queueEvent);
            }

            if (update.VisitLinks is { } tokenIds)
            {
                linkChanges.Deliver(tokenIds);
            }

            if (update.Resync)
            {
                queueEvents.Resync();
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A screen failed on {Update} from another app instance", update);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (CarriesSubscriptions(e.EndPoint, e.ConnectionType) && _listening)
        {
            _listening = false;
            logger.LogWarning(e.Exception, "Lost Redis at {EndPoint} ({Failure}): screens here miss what the other app instances do until it is back",
                e.EndPoint, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (CarriesSubscriptions(e.EndPoint, e.ConnectionType))
        {
            _ = ListenAsync(resync: true);
        }
    }

    /// <summary>Over RESP3 one connection carries both commands and subscriptions; over RESP2 a second one does.</summary>
    private bool CarriesSubscriptions(EndPoint? endPoint, ConnectionType type) =>
        type == ConnectionType.Subscription
        || (type == ConnectionType.Interactive && endPoint is not null && redis.GetServer(endPoint).Protocol >= RedisProtocol.Resp3);

    private async Task ListenAsync(bool resync)
    {
        try
        {
            // Travels behind the client's own SUBSCRIBE on the same connection: once it answers, nothing sent from
            // here on is missed.
            await redis.GetSubscriber().PingAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.Log(resync ? LogLevel.Debug : LogLevel.Warning, ex,
                "Redis does not answer: screens here miss what the other app instances do until it does");
            return;
        }

        _listening = true;
        if (resync)
        {
            logger.LogInformation("Redis is back: screens here and on the other app instances reload what they may have missed");
            queueEvents.Resync();
            outbox.SendResync();
        }
    }
}
