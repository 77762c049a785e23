using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Linking;

/// <summary>
/// Moves waiting visits on when their time has come: a link token asked again once the gateway's wait is over (or
/// when its answer never came), a link sent again when the gateway never answered it, up to a limit. Reads first, so
/// a facility with nothing due takes no write lock.
/// </summary>
public sealed class LinkingSweep(
    ScanShareDbContext db,
    QueueEngine engine,
    AbhaLinkTokens linkTokens,
    VisitLinking visits,
    OutboxSignal outboxSignal,
    VisitLinkChanges changes,
    IOptions<LinkingOptions> options,
    TimeProvider clock)
{
    /// <returns>How many patients' visits were moved on.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await DuePatientsAsync(now, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        db.ChangeTracker.Clear();
        var changed = new List<long>();
        var moved = await engine.InTransactionAsync(async ct =>
        {
            var count = 0;
            foreach (var (facilityId, patientId) in due)
            {
                count += await MoveOnAsync(facilityId, patientId, now, changed, ct) ? 1 : 0;
            }

            return count;
        }, cancellationToken);
        if (moved > 0)
        {
            outboxSignal.Notify();
            changes.Publish(changed);
        }

        return moved;
    }

    /// <summary>Patients with a visit waiting for a token whose wait is over, or with a link left unanswered.</summary>
    private async Task<List<(int FacilityId, long PatientId)>> DuePatientsAsync(DateTime now, CancellationToken ct)
    {
        var unanswered = await db.VisitLinks.AsNoTracking()
            .UnansweredBefore(now - options.Value.UnansweredAfter)
            .Select(v => new { v.FacilityId, v.PatientId })
            .Distinct()
            .ToListAsync(ct);
        var awaiting = await db.VisitLinks.AsNoTracking()
            .AwaitingToken()
            .Select(v => new { v.FacilityId, v.PatientId })
            .Distinct()
            .ToListAsync(ct);
        var due = unanswered.Select(v => (v.FacilityId, v.PatientId)).ToList();
        foreach (var patient in awaiting.Where(a => !unanswered.Contains(a)))
        {
            var latest = await db.LinkTokens.AsNoTracking().LatestOf(patient.FacilityId, patient.PatientId).FirstOrDefaultAsync(ct);
            var record = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.PatientId, ct);
            if (linkTokens.Decide(latest, record, now).Next != LinkTokenNext.Wait)
            {
                due.Add((patient.FacilityId, patient.PatientId));
            }
        }

        return due;
    }

    private async Task<bool> MoveOnAsync(int facilityId, long patientId, DateTime now, List<long> changed, CancellationToken ct)
    {
        var unanswered = await db.VisitLinks
            .UnansweredBefore(now - options.Value.UnansweredAfter)
            .Where(v => v.FacilityId == facilityId && v.PatientId == patientId)
            .ToListAsync(ct);
        var links = unanswered.Concat(await db.VisitLinks.AwaitingTokenOf(facilityId, patientId).ToListAsync(ct)).OrderBy(v => v.Id).ToList();
        changed.AddRange(links.Select(l => l.TokenId));
        foreach (var exhausted in links.Where(l => l.State == VisitLinkState.Linking && l.LinkAttempts >= options.Value.MaxLinkAttempts))
        {
            (exhausted.State, exhausted.UpdatedAt) = (VisitLinkState.Failed, now);
            exhausted.Problem = $"The gateway did not answer {exhausted.LinkAttempts} link requests for this visit.";
        }

        var open = links.Where(l => l.State != VisitLinkState.Failed).ToList();
        var moved = open.Count > 0;
        if (moved)
        {
            var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId, ct);
            var hipId = await db.Facilities.Where(f => f.Id == facilityId).Select(f => f.HipId).SingleAsync(ct);
            await visits.AdvanceAsync(open, patient, hipId, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return moved || links.Count > 0;
    }
}
