using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Reporting;

public sealed record GroupFigures(int Id, string Name, TokenFigures Figures, DurationStats Wait, DurationStats Service);

public sealed record HourFigures(int Hour, int Issued, int Served);

public sealed record DayFigures(DateOnly Date, TokenFigures Figures, DurationStats Wait, DurationStats Service);

public sealed record FacilityReport(
    int FacilityId,
    string HipId,
    string FacilityName,
    DateOnly From,
    DateOnly To,
    TokenFigures Totals,
    DurationStats Wait,
    DurationStats Service,
    IReadOnlyList<GroupFigures> ByQueue,
    IReadOnlyList<GroupFigures> ByCounter,
    IReadOnlyList<HourFigures> ByHour,
    IReadOnlyList<DayFigures> ByDay,
    IReadOnlyList<ClerkFigures> ByClerk,
    double? LongestWaitNowMinutes);

/// <summary>
/// The supervisor's figures for a facility over local days: counts by state, source, queue, counter, hour and day
/// (ABHA-linked visits among them),
/// and waiting (issued → called) and service (called → completed) times. One indexed read of the range's tokens
/// (by facility and service date), everything else counted in memory, so the figures always add up to the rows.
/// </summary>
public sealed class DailyReports(ScanShareDbContext db, TimeProvider clock)
{
    /// <summary>A quarter: long enough for trends, short enough to count in memory at a busy hospital.</summary>
    public const int MaxDays = 92;

    public async Task<IReadOnlyList<(int Id, string HipId, string Name)>> FacilitiesAsync(CancellationToken cancellationToken = default) =>
        (await db.Facilities.AsNoTracking().OrderBy(f => f.Name).Select(f => new { f.Id, f.HipId, f.Name }).ToListAsync(cancellationToken))
            .Select(f => (f.Id, f.HipId, f.Name)).ToList();

    public async Task<DateOnly> TodayAsync(int facilityId, CancellationToken cancellationToken = default)
    {
        var zone = await db.Facilities.Where(f => f.Id == facilityId).Select(f => f.TimeZoneId).SingleAsync(cancellationToken);
        return FacilityCalendar.LocalDate(clock.GetUtcNow(), zone);
    }

    public async Task<FacilityReport> ReportAsync(int facilityId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"A report covers 1 to {MaxDays} days, from the first to the last.");
        }

        var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.Id == facilityId, cancellationToken);
        var tokens = await TokensAsync(facilityId, from, to).ToListAsync(cancellationToken);
        var queues = await db.Queues.AsNoTracking().Where(q => q.FacilityId == facilityId).OrderBy(q => q.Id)
            .Select(q => new { q.Id, q.Name }).ToListAsync(cancellationToken);
        var counters = await db.Counters.AsNoTracking().Where(c => c.FacilityId == facilityId).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = FacilityCalendar.LocalDate(clock.GetUtcNow(), facility.TimeZoneId);
        var byDay = tokens.ToLookup(t => t.ServiceDate);
        var waitingNow = tokens.Where(t => t.ServiceDate == today && t.State == TokenState.Waiting).ToList();
        var byClerk = await ClerkFigures.OfAsync(db, facilityId, from, to, tokens.ToDictionary(t => t.Id), cancellationToken);

        return new FacilityReport(
            facility.Id,
            facility.HipId,
            facility.Name,
            from,
            to,
            TokenFigures.Of(tokens),
            Waits(tokens),
            Services(tokens),
            queues.Select(q => Group(q.Id, q.Name, tokens.Where(t => t.QueueId == q.Id).ToList())).Where(g => g.Figures.Tokens > 0).ToList(),
            counters.Select(c => Group(c.Id, c.Name, tokens.Where(t => t.CounterId == c.Id).ToList())).Where(g => g.Figures.Tokens > 0).ToList(),
            ByHour(tokens, facility.TimeZoneId),
            Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
                .Select(offset => from.AddDays(offset))
                .Select(day => byDay[day].ToList())
                .Select((daily, offset) => new DayFigures(from.AddDays(offset), TokenFigures.Of(daily), Waits(daily), Services(daily)))
                .ToList(),
            byClerk,
            waitingNow.Count == 0 ? null : Math.Round(waitingNow.Max(t => (now - t.IssuedAt).TotalMinutes), 1));
    }

    /// <summary>The token rows behind a report, in issue order, for the CSV export.</summary>
    public IAsyncEnumerable<ReportToken> TokensAsync(int facilityId, DateOnly from, DateOnly to) =>
        db.Tokens.AsNoTracking()
            .Where(t => t.FacilityId == facilityId && t.ServiceDate >= from && t.ServiceDate <= to)
            .OrderBy(t => t.Id)
            .Select(t => new ReportToken(t.Id, t.ServiceDate, t.Label, t.QueueId, t.CounterId ?? t.IssuedAtCounterId, t.Source, t.State, t.Priority,
                t.IssuedAt, t.FirstCalledAt, t.CompletedAt, db.VisitLinks.Any(v => v.TokenId == t.Id && v.State == VisitLinkState.Linked)))
            .AsAsyncEnumerable();

    /// <summary>Tokens issued (on arrival; not transfers) and served in each local hour of the day.</summary>
    private static List<HourFigures> ByHour(IReadOnlyCollection<ReportToken> tokens, string timeZoneId)
    {
        var issued = new int[24];
        var served = new int[24];
        foreach (var token in tokens)
        {
            if (token.Source != TokenSource.Transfer)
            {
                issued[FacilityCalendar.ToLocal(token.IssuedAt, timeZoneId).Hour]++;
            }

            if (token.CompletedAt is { } done)
            {
                served[FacilityCalendar.ToLocal(done, timeZoneId).Hour]++;
            }
        }

        return Enumerable.Range(0, 24).Select(hour => new HourFigures(hour, issued[hour], served[hour])).ToList();
    }

    private static GroupFigures Group(int id, string name, IReadOnlyCollection<ReportToken> tokens) =>
        new(id, name, TokenFigures.Of(tokens), Waits(tokens), Services(tokens));

    private static DurationStats Waits(IEnumerable<ReportToken> tokens) =>
        DurationStats.Of(tokens.Select(t => t.WaitMinutes).OfType<double>());

    private static DurationStats Services(IEnumerable<ReportToken> tokens) =>
        DurationStats.Of(tokens.Select(t => t.ServiceMinutes).OfType<double>());
}
