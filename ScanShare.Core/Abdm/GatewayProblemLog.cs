using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;

namespace ScanShare.Core.Abdm;

/// <summary>One line of the supervisor's gateway problems.</summary>
/// <param name="At">Facility local time of the latest occurrence.</param>
/// <param name="Where">The counter code of a share, or the path of a call.</param>
/// <param name="Count">How many times it happened (refused calls are counted per hour).</param>
public sealed record GatewayProblem(
    DateTime At,
    string Problem,
    string Where,
    string? Detail,
    Guid? RequestId,
    int Count = 1);

/// <summary>
/// What went wrong between the gateway and us, for the supervisor: shares refused at a counter, calls to the gateway
/// not delivered (of every flow), the gateway's refusals in the linking flows, and calls from the gateway that we refused. Shares and calls belong to one facility;
/// refused calls to none (a refused call may not even name one), so every facility's supervisors see them.
/// </summary>
public sealed class GatewayProblemLog(ScanShareDbContext db)
{
    public async Task<IReadOnlyList<GatewayProblem>> SinceAsync(int facilityId, DateTime sinceUtc, int max = 100, CancellationToken cancellationToken = default)
    {
        var rejected = await db.ShareRecords.AsNoTracking()
            .Where(s => s.FacilityId == facilityId && s.Status == ShareStatus.Rejected && s.ReceivedAt >= sinceUtc)
            .OrderByDescending(s => s.ReceivedAt)
            .Take(max)
            .Select(s => new GatewayProblem(s.ReceivedAt, "Share rejected", s.CounterCode, s.RejectionReason, s.RequestId, 1))
            .ToListAsync(cancellationToken);
        var undelivered = await db.OutboxMessages.AsNoTracking()
            .FailedSince(sinceUtc)
            .Where(o => o.FacilityId == facilityId)
            .OrderByDescending(o => o.CreatedAt)
            .Take(max)
            .Select(o => new
            {
                o.CreatedAt, o.Flow, o.Path, o.GaveUpAt, o.LastError,
                Counter = o.ShareRecord != null ? o.ShareRecord.CounterCode : null,
                AnsweredRequest = o.ShareRecord != null ? o.ShareRecord.RequestId : (Guid?)null,
                o.RequestId,
            })
            .ToListAsync(cancellationToken);
        var refused = await db.RefusedGatewayCalls.AsNoTracking()
            .Where(r => r.LastAt >= sinceUtc)
            .OrderByDescending(r => r.LastAt)
            .Take(max)
            .Select(r => new GatewayProblem(r.LastAt, $"Call refused ({r.Status})", r.Path, r.Reason, null, r.Count))
            .ToListAsync(cancellationToken);
        var timeZone = await db.Facilities.AsNoTracking().Where(f => f.Id == facilityId).Select(f => f.TimeZoneId).SingleAsync(cancellationToken);
        var linking = await LinkingProblems.SinceAsync(db, facilityId, sinceUtc, timeZone, max, cancellationToken);
        return [.. rejected
            .Concat(undelivered.Select(o => new GatewayProblem(
                o.CreatedAt,
                $"{FlowName(o.Flow)} {(o.GaveUpAt != null ? "failed" : "retrying")}",
                o.Counter ?? o.Path,
                o.LastError,
                o.AnsweredRequest ?? o.RequestId)))
            .Concat(linking)
            .Concat(refused)
            .OrderByDescending(p => p.At)
            .Take(max)
            .Select(p => p with { At = FacilityCalendar.ToLocal(p.At, timeZone) })];
    }

    public static string FlowName(GatewayFlow flow) => flow switch
    {
        GatewayFlow.OnShare => "Callback",
        GatewayFlow.LinkToken => "Link token request",
        GatewayFlow.LinkCareContext => "Visit link",
        GatewayFlow.NotifyCareContext => "Visit notification",
        GatewayFlow.SmsLink => "ABHA SMS",
        _ => flow.ToString(),
    };
}
