using Microsoft.AspNetCore.SignalR.Client;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Live;

namespace ScanShare.Tests.Web;

public sealed class LiveUpdateTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    [Fact]
    public async Task AClientWatchingAQueueReceivesItsEventsAndNotOtherQueues()
    {
        var registration = await app.QueueIdAsync("registration");
        var lab = await app.QueueIdAsync("lab");
        var cookies = await app.SignInCookiesAsync("clerk");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, QueueHub.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Headers["Cookie"] = cookies;
            })
            .Build();
        var received = new List<QueueEvent>();
        var registrationEvent = new TaskCompletionSource<QueueEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<QueueEvent>(QueueHub.EventMethod, e =>
        {
            lock (received)
            {
                received.Add(e);
            }

            if (e.QueueId == registration)
            {
                registrationEvent.TrySetResult(e);
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(QueueHub.WatchQueue), registration);

        await app.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(lab, TokenSource.WalkIn)));
        var issued = await app.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));

        var pushed = await registrationEvent.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((QueueEventKind.Issued, issued.Token.Label), (pushed.Kind, pushed.Label));
        lock (received)
        {
            Assert.DoesNotContain(received, e => e.QueueId == lab);
        }
    }
}
