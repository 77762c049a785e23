using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Queueing;

/// <param name="PatientName">Already masked or hidden as the display is configured.</param>
/// <param name="SpokenCounterNames">How the counter is announced, per language; a language missing here hears <paramref name="CounterName"/>.</param>
public sealed record DisplayCall(
    long TokenId, string Label, string? CounterName, string? PatientName, DateTime CalledAt, int CallCount,
    IReadOnlyDictionary<string, string>? SpokenCounterNames = null)
{
    public string? SpokenCounterName(string language) =>
        SpokenCounterNames?.TryGetValue(language, out var spoken) == true && !string.IsNullOrWhiteSpace(spoken) ? spoken : CounterName;
}

/// <param name="NextLabels">The waiting tokens in call order, as many as a screen could show; the screen shows whole ones only.</param>
/// <param name="Wait">For the last in line: how many are ahead of them and how long at the current pace.</param>
public sealed record DisplayQueue(int QueueId, string Name, IReadOnlyList<string> NextLabels, int WaitingCount, WaitEstimate? Wait);

public sealed record DisplayView(
    string FacilityName,
    string TimeZoneId,
    IReadOnlyList<int> QueueIds,
    IReadOnlyList<DisplayCall> NowCalling,
    IReadOnlyList<DisplayQueue> Next,
    IReadOnlyList<DisplayCall> Recent);

/// <summary>What a waiting-hall TV shows: the latest calls large, the next few tokens per queue, the calls before.</summary>
public sealed class DisplayBoard(ScanShareDbContext db, TimeProvider clock, WaitEstimates waits)
{
    private const int NowCallingCount = 4;
    private const int NextPerQueue = 24;
    private const int RecentCount = 16;

    public async Task<DisplayView?> ViewAsync(string hipId, IReadOnlyCollection<string> queueCodes, DisplayNames names, CancellationToken cancellationToken = default)
    {
        var facility = await db.Facilities.AsNoTracking().SingleOrDefaultAsync(f => f.HipId == hipId, cancellationToken);
        if (facility is null)
        {
            return null;
        }

        var queues = await db.Queues.AsNoTracking()
            .Where(q => q.FacilityId == facility.Id && q.IsActive)
            .OrderBy(q => q.Id)
            .ToListAsync(cancellationToken);
        queues = queueCodes.Count == 0 ? queues : queues.Where(q => queueCodes.Contains(q.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        var queueIds = queues.Select(q => q.Id).ToList();
        var today = FacilityCalendar.LocalDate(clock.GetUtcNow(), facility.TimeZoneId);
        var todays = db.Tokens.AsNoTracking().Where(t => queueIds.Contains(t.QueueId) && t.ServiceDate == today);

        // A skipped token sent back to the line is waiting again, not called to anyone.
        var called = await todays
            .Where(t => t.CalledAt != null && t.State != TokenState.Waiting)
            .OrderByDescending(t => t.CalledAt)
            .Take(NowCallingCount + RecentCount)
            .Select(t => new
            {
                t.Id, t.Label, t.State, CalledAt = t.CalledAt!.Value, t.CallCount,
                Counter = db.Counters.Where(c => c.Id == t.CounterId).Select(c => new { c.Name, c.SpokenNames }).FirstOrDefault(),
                Patient = t.Patient != null ? t.Patient.Name : null,
            })
            .ToListAsync(cancellationToken);
        var calls = called
            .Select(c => new { Current = c.State is TokenState.Called or TokenState.Serving, Call = new DisplayCall(c.Id, c.Label, c.Counter?.Name, Name(c.Patient, names), c.CalledAt, c.CallCount, c.Counter?.SpokenNames) })
            .ToList();

        var next = new List<DisplayQueue>(queues.Count);
        foreach (var queue in queues)
        {
            var waiting = todays.Where(t => t.QueueId == queue.Id && t.State == TokenState.Waiting);
            var labels = await waiting
                .InCallOrder(queue.PriorityLanesEnabled)
                .Take(NextPerQueue)
                .Select(t => t.Label)
                .ToListAsync(cancellationToken);
            var count = labels.Count < NextPerQueue ? labels.Count : await waiting.CountAsync(cancellationToken);
            var wait = count == 0 ? null : WaitEstimates.Estimate(count - 1, await waits.MinutesPerCallAsync(queue.Id, today, cancellationToken));
            next.Add(new DisplayQueue(queue.Id, queue.Name, labels, count, wait));
        }

        return new DisplayView(
            facility.Name,
            facility.TimeZoneId,
            queueIds,
            calls.Where(c => c.Current).Take(NowCallingCount).Select(c => c.Call).ToList(),
            next,
            calls.Where(c => !c.Current).Take(RecentCount).Select(c => c.Call).ToList());
    }

    private static string? Name(string? name, DisplayNames names) =>
        names == DisplayNames.Hidden || name is null ? null : PatientDisplay.MaskName(name);
}
