using System.Net;
using Microsoft.Extensions.Logging;
using ScanShare.Tests.Support;
using ScanShare.Tests.Support.Servers;

namespace ScanShare.Tests.Live;

/// <summary>
/// Two app instances configured with one Redis: what one commits reaches the screens of both, once each. Each test
/// checks "once" by a reply: Redis delivers in the order it was sent, so when the other instance's reply arrives, any
/// second copy of the first message would have arrived before it.
/// </summary>
public sealed class LiveUpdatesAcrossInstancesTests
{
    private static string UniqueChannel() => $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task AQueueEventCommittedOnOneInstanceReachesTheScreensOfBothOnce()
    {
        var redis = await RedisServer.SharedAsync();
        var channel = UniqueChannel();
        using var a = await LiveInstance.StartAsync(redis.Configuration, channel);
        using var b = await LiveInstance.StartAsync(redis.Configuration, channel);

        var issuedOnA = await a.IssueAsync("registration");
        Assert.Equal([issuedOnA], a.Events);
        Assert.True(await b.HearsAsync(issuedOnA), "B never heard A's event");
        var replyFromB = await b.IssueAsync("lab");
        Assert.True(await a.HearsAsync(replyFromB), "A never heard B's event");

        Assert.Equal([issuedOnA, replyFromB], a.Events);
        Assert.Equal([issuedOnA, replyFromB], b.Events);
    }

    [Fact]
    public async Task AVisitLinkChangeOnOneInstanceReachesTheScreensOfBothOnce()
    {
        var redis = await RedisServer.SharedAsync();
        var channel = UniqueChannel();
        using var a = await LiveInstance.StartAsync(redis.Configuration, channel);
        using var b = await LiveInstance.StartAsync(redis.Configuration, channel);

        a.PublishLinkChange(101);
        Assert.Equal([101], a.LinkChanges);
        Assert.True(await b.HearsLinkChangeAsync(101), "B never heard A's link change");
        b.PublishLinkChange(202);
        Assert.True(await a.HearsLinkChangeAsync(202), "A never heard B's link change");

        Assert.Equal([101, 202], a.LinkChanges);
        Assert.Equal([101, 202], b.LinkChanges);
    }

    [Fact]
    public async Task WhileRedisIsDownEachInstanceServesItsOwnScreensAndIsNotReadyAndWhenItIsBackScreensReloadAndEventsFlowAgain()
    {
        await using var redis = await RedisServer.StartOwnAsync();
        var channel = UniqueChannel();
        using var a = await LiveInstance.StartAsync(redis.Configuration, channel);
        using var b = await LiveInstance.StartAsync(redis.Configuration, channel);

        await redis.StopAsync();
        Assert.True(await a.AnswersAsync("/health/ready", HttpStatusCode.ServiceUnavailable), "A stayed ready without Redis");
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(a.LiveUpdatesLogged(LogLevel.Warning) == 1), LiveInstance.Timeout), "A did not warn of the loss once");
        var issuedWhileDown = await a.IssueAsync("registration");
        Assert.Equal([issuedWhileDown], a.Events);
        Assert.True(await a.AnswersAsync("/health/live", HttpStatusCode.OK));
        var (resyncsOfA, resyncsOfB) = (a.Resyncs, b.Resyncs);
        var informationOfA = a.LiveUpdatesLogged(LogLevel.Information);

        await redis.StartAsync();
        Assert.True(await a.AnswersAsync("/health/ready", HttpStatusCode.OK), "A never became ready again");
        Assert.True(await b.AnswersAsync("/health/ready", HttpStatusCode.OK), "B never became ready again");
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(a.Resyncs > resyncsOfA && b.Resyncs > resyncsOfB), LiveInstance.Timeout), "The screens were not told to reload");
        Assert.True(a.LiveUpdatesLogged(LogLevel.Information) > informationOfA, "A did not say that Redis is back");
        Assert.Equal(1, a.LiveUpdatesLogged(LogLevel.Warning));
        var issuedAfter = await a.IssueAsync("lab");
        Assert.True(await b.HearsAsync(issuedAfter), "B never heard A's event after Redis came back");
    }
}
