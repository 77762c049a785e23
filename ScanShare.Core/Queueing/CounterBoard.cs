using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Queueing;

public sealed record CounterInfo(int CounterId, string Code, string Name, int QueueId, string QueueName, string HipId, string FacilityName, string TimeZoneId, int FacilityId);

public sealed record CounterToken(
    long TokenId,
    string Label,
    TokenState State,
    PriorityLane Priority,
    TokenSource Source,
    string? PatientName,
    Gender? Gender,
    int? YearOfBirth,
    string? AbhaNumber,
    DateTime IssuedAt,
    DateTime QueuedAt,
    DateTime? CalledAt,
    string? Uhid,
    string? Department,
    int RequeueCount,
    string? Mobile = null,
    string? CalledBy = null,
    VisitLinkMark? LinkState = null);

public sealed record IncomingShare(
    long ShareId,
    long? TokenId,
    DateTime ReceivedAt,
    string? TokenLabel,
    TokenState? TokenState,
    ShareStatus Status,
    string? PatientName,
    Gender? Gender,
    int? YearOfBirth,
    string? AbhaNumber,
    string? AbhaAddress,
    string? Mobile,
    string? Address,
    bool Returning);

public sealed record CounterView(
    CounterInfo Counter,
    CounterToken? Current,
    IReadOnlyList<CounterToken> Waiting,
    IReadOnlyList<IncomingShare> IncomingShares,
    IReadOnlyList<(int QueueId, string Name)> TransferTargets,
    SkipPolicy SkipPolicy,
    int MaxRequeues)
{
    /// <summary>Whether skipping this token closes it as a no-show rather than sending it to the back of the line.</summary>
    public bool SkipEndsToken(CounterToken token) => SkipPolicy == SkipPolicy.NoShow || token.RequeueCount >= MaxRequeues;
}

/// <summary>What a clerk's counter screen shows: the counter's current token, its queue in call order, today's shares at this counter.</summary>
public sealed class CounterBoard(ScanShareDbContext db, TimeProvider clock)
{
    /// <summary>A busy counter takes a few hundred scans a day; the desk searches them in its own scrolling panel.</summary>
    public const int MaxSharesShown = 500;

    /// <summary>Every open counter, for choosing one at sign-in.</summary>
    public async Task<IReadOnlyList<CounterInfo>> OpenCountersAsync(CancellationToken cancellationToken = default) =>
        await db.Counters.AsNoTracking()
            .Where(c => c.IsActive)
            .Join(db.Facilities, c => c.FacilityId, f => f.Id, (c, f) => new { Counter = c, Facility = f })
            .OrderBy(x => x.Facility.Name).ThenBy(x => x.Counter.Id)
            .Select(x => new CounterInfo(x.Counter.Id, x.Counter.Code, x.Counter.Name, x.Counter.QueueId, x.Counter.Queue!.Name, x.Facility.HipId, x.Facility.Name, x.Facility.TimeZoneId, x.Facility.Id))
            .ToListAsync(cancellationToken);

    public async Task<CounterView?> ViewAsync(string hipId, string counterCode, CancellationToken cancellationToken = default)
    {
        var counter = await db.Counters.AsNoTracking()
            .Where(c => c.Code == counterCode && c.IsActive)
            .Join(db.Facilities.Where(f => f.HipId == hipId), c => c.FacilityId, f => f.Id,
                (c, f) => new { Info = new CounterInfo(c.Id, c.Code, c.Name, c.QueueId, c.Queue!.Name, f.HipId, f.Name, f.TimeZoneId, f.Id), f.TimeZoneId, c.Queue.PriorityLanesEnabled, c.Queue.SkipPolicy, c.Queue.MaxRequeues, c.FacilityId })
            .SingleOrDefaultAsync(cancellationToken);
        if (counter is null)
        {
            return null;
        }

        var today = FacilityCalendar.LocalDate(clock.GetUtcNow(), counter.TimeZoneId);
        var queueId = counter.Info.QueueId;
        var usePriority = counter.PriorityLanesEnabled;
        var tokens = db.Tokens.AsNoTracking();
        var current = await Project(tokens.Where(t => t.CounterId == counter.Info.CounterId && (t.State == TokenState.Called || t.State == TokenState.Serving)))
            .FirstOrDefaultAsync(cancellationToken);
        var waiting = await Project(tokens
                .Where(t => t.QueueId == queueId && t.ServiceDate == today && t.State == TokenState.Waiting)
                .InCallOrder(usePriority))
            .ToListAsync(cancellationToken);
        var (dayStart, _) = FacilityCalendar.DayBoundsUtc(today, counter.TimeZoneId);
        var shares = await db.ShareRecords.AsNoTracking()
            .Where(s => s.CounterId == counter.Info.CounterId && s.ReceivedAt >= dayStart)
            .OrderByDescending(s => s.ReceivedAt)
            .Take(MaxSharesShown)
            .Select(s => new
            {
                s.Id,
                s.TokenId,
                s.ReceivedAt,
                Token = db.Tokens.Where(t => t.Id == s.TokenId).Select(t => new { t.Label, t.State }).FirstOrDefault(),
                s.Status,
                Patient = db.Patients.Where(p => p.Id == s.PatientId).Select(p => new { p.Name, p.Gender, p.YearOfBirth, p.AbhaNumber, p.AbhaAddress, p.Mobile, p.AddressLine, p.District, p.State, p.Pincode, p.CreatedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var targets = await db.Queues.AsNoTracking()
            .Where(q => q.FacilityId == counter.FacilityId && q.IsActive && q.Id != queueId)
            .OrderBy(q => q.Id)
            .Select(q => new { q.Id, q.Name })
            .ToListAsync(cancellationToken);

        return new CounterView(
            counter.Info,
            current,
            waiting,
            shares.Select(s => new IncomingShare(s.Id, s.TokenId, s.ReceivedAt, s.Token?.Label, s.Token?.State, s.Status, s.Patient?.Name, s.Patient?.Gender, s.Patient?.YearOfBirth,
                s.Patient?.AbhaNumber, s.Patient?.AbhaAddress, s.Patient?.Mobile,
                s.Patient is null ? null : PatientDisplay.Address(s.Patient.AddressLine, s.Patient.District, s.Patient.State, s.Patient.Pincode),
                Returning: s.Patient is not null && s.Patient.CreatedAt < s.ReceivedAt)).ToList(),
            targets.Select(q => (q.Id, q.Name)).ToList(),
            counter.SkipPolicy,
            counter.MaxRequeues);
    }

    /// <summary>A token's link mark as <see cref="ViewAsync"/> shows it, for a mark that refreshes by itself.</summary>
    public async Task<VisitLinkMark?> LinkStateAsync(long tokenId, CancellationToken cancellationToken = default) =>
        (await Project(db.Tokens.AsNoTracking().Where(t => t.Id == tokenId)).FirstOrDefaultAsync(cancellationToken))?.LinkState;

    private IQueryable<CounterToken> Project(IQueryable<Token> tokens) =>
        tokens.Select(t => new CounterToken(
            t.Id, t.Label, t.State, t.Priority, t.Source,
            t.Patient != null ? t.Patient.Name : null,
            t.Patient != null ? t.Patient.Gender : null,
            t.Patient != null ? t.Patient.YearOfBirth : null,
            t.Patient != null ? t.Patient.AbhaNumber : null,
            t.IssuedAt, t.QueuedAt, t.CalledAt,
            t.Patient != null ? t.Patient.Uhid : null,
            t.Department,
            t.RequeueCount,
            t.Patient != null ? t.Patient.Mobile : null,
            db.TokenActions
                .Where(a => a.TokenId == t.Id && (a.Kind == QueueEventKind.Called || a.Kind == QueueEventKind.Recalled))
                .OrderByDescending(a => a.Id)
                .Select(a => a.StaffName)
                .FirstOrDefault(),
            VisitLinkMark.Of(
                db.VisitLinks.Where(v => v.TokenId == t.Id).Select(v => (VisitLinkState?)v.State).FirstOrDefault(),
                db.VisitLinks.Where(v => v.TokenId == t.Id).Select(v => v.Problem).FirstOrDefault(),
                db.SmsLinks.Where(s => s.TokenId == t.Id).Select(s => (SmsLinkState?)s.State).FirstOrDefault(),
                db.SmsLinks.Where(s => s.TokenId == t.Id).Select(s => s.Problem).FirstOrDefault())));
}
