using Microsoft.AspNetCore.SignalR;

namespace ScanShare.Web.Live;

/// <summary>
/// Live queue events for clients outside Blazor (TV boxes, kiosks, other systems): join a queue's or a facility's
/// group and receive <c>queueEvent</c> messages.
/// </summary>
public sealed class QueueHub : Hub
{
    public const string Path = "/hubs/queue";
    public const string EventMethod = "queueEvent";

    public Task WatchQueue(int queueId) => Groups.AddToGroupAsync(Context.ConnectionId, QueueGroup(queueId));

    public Task WatchFacility(int facilityId) => Groups.AddToGroupAsync(Context.ConnectionId, FacilityGroup(facilityId));

    public static string QueueGroup(int queueId) => $"queue-{queueId}";

    public static string FacilityGroup(int facilityId) => $"facility-{facilityId}";
}
