using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;

namespace ScanShare.Core.Abdm;

/// <param name="At">Facility local time.</param>
public sealed record ShareProblem(
    DateTime At,
    Guid RequestId,
    string CounterCode,
    string Problem,
    string? Detail);

/// <summary>What went wrong with shares and callbacks, for the supervisor: rejected shares and callbacks not delivered.</summary>
public sealed class ShareLog(ScanShareDbContext db)
{
    public async Task<IReadOnlyList<ShareProblem>> ProblemsSinceAsync(DateTime sinceUtc, int max = 100, CancellationToken cancellationToken = default)
    {
        var rejected = await db.ShareRecords.AsNoTracking()
            .Where(s => s.Status == ShareStatus.Rejected && s.ReceivedAt >= sinceUtc)
            .OrderByDescending(s => s.ReceivedAt)
            .Take(max)
            .Select(s => new ShareProblem(s.ReceivedAt, s.RequestId, s.CounterCode, "Share rejected", s.RejectionReason))
            .ToListAsync(cancellationToken);
        var undelivered = await db.OutboxMessages.AsNoTracking()
            .FailedSince(sinceUtc)
            .Join(db.ShareRecords, o => o.ShareRecordId, s => s.Id, (o, s) => new { o, s })
            .OrderByDescending(x => x.o.CreatedAt)
            .Take(max)
            .Select(x => new ShareProblem(
                x.o.CreatedAt,
                x.s.RequestId,
                x.s.CounterCode,
                x.o.GaveUpAt != null ? "Callback failed" : "Callback retrying",
                x.o.LastError))
            .ToListAsync(cancellationToken);
        var timeZones = await db.Facilities.AsNoTracking().Select(f => f.TimeZoneId).Distinct().ToListAsync(cancellationToken);
        var timeZone = timeZones.Count == 1 ? timeZones[0] : FacilityCalendar.DefaultTimeZoneId;
        return [.. rejected.Concat(undelivered)
            .OrderByDescending(p => p.At)
            .Take(max)
            .Select(p => p with { At = FacilityCalendar.ToLocal(p.At, timeZone) })];
    }
}
