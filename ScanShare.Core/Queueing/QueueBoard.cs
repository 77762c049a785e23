using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;

namespace ScanShare.Core.Queueing;

public sealed record QueueSummary(int QueueId, string Code, string Name, string Prefix, int Issued, int Waiting, int Completed);

public sealed record CounterSummary(int CounterId, string Code, string Name, string QueueName, string? CurrentToken, TokenState? CurrentState);

public sealed record FacilityOverview(
    int FacilityId,
    string HipId,
    string Name,
    DateOnly Today,
    IReadOnlyList<QueueSummary> Queues,
    IReadOnlyList<CounterSummary> Counters);

/// <summary>Read-only views of today's queues, as the dashboards show them.</summary>
public sealed class QueueBoard(ScanShareDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<FacilityOverview>> OverviewsAsync(CancellationToken cancellationToken = default)
    {
        var facilities = await db.Facilities.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        var overviews = new List<FacilityOverview>(facilities.Count);
        foreach (var facility in facilities)
        {
            overviews.Add(await OverviewAsync(facility, cancellationToken));
        }

        return overviews;
    }

    private async Task<FacilityOverview> OverviewAsync(Facility facility, CancellationToken ct)
    {
        var today = FacilityCalendar.LocalDate(clock.GetUtcNow(), facility.TimeZoneId);
        var counts = await db.Tokens.AsNoTracking()
            .Where(t => t.FacilityId == facility.Id && t.ServiceDate == today)
            .GroupBy(t => new { t.QueueId, t.State })
            .Select(g => new { g.Key.QueueId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);

        var queues = await db.Queues.AsNoTracking()
            .Where(q => q.FacilityId == facility.Id && q.IsActive)
            .OrderBy(q => q.Id)
            .ToListAsync(ct);
        var queueSummaries = queues
            .Select(q => new QueueSummary(
                q.Id,
                q.Code,
                q.Name,
                q.Prefix,
                Issued: counts.Where(c => c.QueueId == q.Id).Sum(c => c.Count),
                Waiting: counts.Where(c => c.QueueId == q.Id && c.State == TokenState.Waiting).Sum(c => c.Count),
                Completed: counts.Where(c => c.QueueId == q.Id && c.State == TokenState.Completed).Sum(c => c.Count)))
            .ToList();

        var counters = await db.Counters.AsNoTracking()
            .Where(c => c.FacilityId == facility.Id && c.IsActive)
            .OrderBy(c => c.Code)
            .Select(c => new
            {
                c.Id,
                c.Code,
                c.Name,
                QueueName = c.Queue!.Name,
                Current = db.Tokens
                    .Where(t => t.CounterId == c.Id && (t.State == TokenState.Called || t.State == TokenState.Serving))
                    .Select(t => new { t.Label, t.State })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        var counterSummaries = counters
            .Select(c => new CounterSummary(c.Id, c.Code, c.Name, c.QueueName, c.Current?.Label, c.Current?.State))
            .ToList();

        return new FacilityOverview(facility.Id, facility.HipId, facility.Name, today, queueSummaries, counterSummaries);
    }
}
