using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Reporting;

/// <summary>One member of staff's work over a report's days: tokens they called and served, and how long serving took.</summary>
/// <param name="Service">Called → completed, over the tokens this member of staff completed.</param>
public sealed record ClerkFigures(string StaffUserId, string Name, int Called, int Served, DurationStats Service)
{
    /// <summary>Counted from the recorded actions on the range's tokens, so the figures add up to the action rows.</summary>
    public static async Task<IReadOnlyList<ClerkFigures>> OfAsync(
        ScanShareDbContext db, int facilityId, DateOnly from, DateOnly to, IReadOnlyDictionary<long, ReportToken> tokens, CancellationToken cancellationToken)
    {
        var actions = await db.TokenActions.AsNoTracking()
            .Where(a => a.FacilityId == facilityId && (a.Kind == QueueEventKind.Called || a.Kind == QueueEventKind.Completed))
            .Join(db.Tokens.Where(t => t.FacilityId == facilityId && t.ServiceDate >= from && t.ServiceDate <= to),
                a => a.TokenId, t => t.Id, (a, _) => new { a.StaffUserId, a.StaffName, a.Kind, a.TokenId, a.Id })
            .ToListAsync(cancellationToken);
        return actions
            .GroupBy(a => a.StaffUserId)
            .Select(clerk =>
            {
                var served = clerk.Where(a => a.Kind == QueueEventKind.Completed).Select(a => a.TokenId).ToList();
                return new ClerkFigures(
                    clerk.Key,
                    clerk.MaxBy(a => a.Id)!.StaffName,
                    clerk.Count(a => a.Kind == QueueEventKind.Called),
                    served.Count,
                    DurationStats.Of(served.Select(id => tokens.GetValueOrDefault(id)?.ServiceMinutes).OfType<double>()));
            })
            .OrderByDescending(c => c.Served)
            .ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
