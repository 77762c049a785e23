using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Staff;
using ScanShare.Web.Staff;

namespace ScanShare.Web.Live;

/// <summary>
/// Live queue events for clients outside Blazor (TV boxes, kiosks, other systems): join a queue's or a facility's
/// group and receive <c>queueEvent</c> messages. Only staff of that facility may join, and only groups that exist.
/// </summary>
public sealed class QueueHub(ScanShareDbContext db, StaffScopes scopes) : Hub
{
    public const string Path = "/hubs/queue";
    public const string EventMethod = "queueEvent";

    public async Task WatchQueue(int queueId)
    {
        var facilityId = await db.Queues.AsNoTracking().Where(q => q.Id == queueId).Select(q => (int?)q.FacilityId).SingleOrDefaultAsync();
        await EnsureMayWatchAsync(facilityId, $"There is no queue {queueId}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, QueueGroup(queueId));
    }

    public async Task WatchFacility(int facilityId)
    {
        var known = await db.Facilities.AsNoTracking().AnyAsync(f => f.Id == facilityId);
        await EnsureMayWatchAsync(known ? facilityId : null, $"There is no facility {facilityId}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, FacilityGroup(facilityId));
    }

    public static string QueueGroup(int queueId) => $"queue-{queueId}";

    public static string FacilityGroup(int facilityId) => $"facility-{facilityId}";

    private async Task EnsureMayWatchAsync(int? facilityId, string unknown)
    {
        if (facilityId is null)
        {
            throw new HubException(unknown);
        }

        try
        {
            if ((await scopes.ForUserAsync(Context.User!.UserId())).Sees(facilityId.Value))
            {
                return;
            }
        }
        catch (StaffAccessDeniedException)
        {
            // Answered below, the same as a facility that is not theirs.
        }

        throw new HubException("That facility is not one of yours.");
    }
}
