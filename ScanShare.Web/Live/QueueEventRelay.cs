using Microsoft.AspNetCore.SignalR;
using ScanShare.Core.Queueing;

namespace ScanShare.Web.Live;

/// <summary>Forwards every committed queue event to the SignalR groups of its queue and facility.</summary>
public sealed class QueueEventRelay(IQueueEventSource events, IHubContext<QueueHub> hub, ILogger<QueueEventRelay> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(Forward);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Forward(QueueEvent queueEvent) =>
        _ = SendAsync(queueEvent);

    private async Task SendAsync(QueueEvent queueEvent)
    {
        try
        {
            await hub.Clients
                .Groups(QueueHub.QueueGroup(queueEvent.QueueId), QueueHub.FacilityGroup(queueEvent.FacilityId))
                .SendAsync(QueueHub.EventMethod, queueEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push {Kind} of {Label} to live clients", queueEvent.Kind, queueEvent.Label);
        }
    }
}
