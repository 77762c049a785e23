using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Patients.Matching;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Abdm;

public enum ShareIntakeOutcome
{
    Accepted,
    Reused,
    Rejected,
    Duplicate,
    UnknownFacility,
}

public sealed record ShareIntakeResult(ShareIntakeOutcome Outcome, string? TokenLabel = null, string? Reason = null);

/// <summary>
/// Takes in one profile share in one transaction: the request id (idempotency), the patient, the token and the
/// callback to the gateway are committed together or not at all, with a request for the patient's link token when
/// they have none.
/// </summary>
public sealed class ShareIntake(
    ScanShareDbContext db, QueueEngine engine, TimeProvider clock, OutboxSignal outboxSignal, AbhaLinkTokens? linkTokens = null)
{
    // Facilities and counters read by this instance (one request, or one group of shares in one transaction): a group
    // of shares at the same facility reads each only once. Intake never changes them.
    private readonly Dictionary<string, FacilityRef?> _facilities = new(StringComparer.Ordinal);
    private readonly Dictionary<(int FacilityId, string CounterCode), IssuePoint?> _issuePoints = [];
    private readonly PatientMatcher _matcher = new(db);

    public Task<ShareIntakeResult> AcceptAsync(ProfileShare share, string rawPayload, CancellationToken cancellationToken = default) =>
        // The same request id committed by a concurrent retry, or the same patient or queue written by another
        // instance at the same moment: taken in again, the share finds the other's commit.
        DatabaseConflicts.RetryAsync(
            async () =>
            {
                var result = await engine.InTransactionAsync(ct => AcceptInTransactionAsync(share, rawPayload, ct), cancellationToken);
                if (result.Outcome is ShareIntakeOutcome.Accepted or ShareIntakeOutcome.Reused or ShareIntakeOutcome.Rejected)
                {
                    outboxSignal.Notify();
                }

                return result;
            },
            async () => await IsKnownAsync(share.RequestId, cancellationToken) ? new ShareIntakeResult(ShareIntakeOutcome.Duplicate) : null);

    /// <summary>
    /// Takes in several shares in one transaction, each exactly as <see cref="AcceptAsync"/> would, so that one commit
    /// (one flush to disk) serves them all. All or nothing: on an error nothing is committed and the caller takes the
    /// shares one at a time.
    /// </summary>
    public async Task<IReadOnlyList<ShareIntakeResult>> AcceptAllAsync(IReadOnlyList<(ProfileShare Share, string RawPayload)> shares, CancellationToken cancellationToken = default)
    {
        var results = await engine.InTransactionAsync(async ct =>
        {
            var taken = new List<ShareIntakeResult>(shares.Count);
            foreach (var (share, rawPayload) in shares)
            {
                taken.Add(await AcceptInTransactionAsync(share, rawPayload, ct));
                await db.SaveChangesAsync(ct);

                // Everything of this share is written; the next one starts with an empty change tracker.
                db.ChangeTracker.Clear();
            }

            return taken;
        }, cancellationToken);
        if (results.Any(r => r.Outcome is ShareIntakeOutcome.Accepted or ShareIntakeOutcome.Reused or ShareIntakeOutcome.Rejected))
        {
            outboxSignal.Notify();
        }

        return results;
    }

    private async Task<ShareIntakeResult> AcceptInTransactionAsync(ProfileShare share, string rawPayload, CancellationToken ct)
    {
        // The gateway retries when our answer is slow; a request id already seen changes nothing, whatever its body.
        if (await IsKnownAsync(share.RequestId, ct))
        {
            return new ShareIntakeResult(ShareIntakeOutcome.Duplicate);
        }

        var facility = await FindFacilityAsync(share.HipId, ct);
        if (facility is null)
        {
            return new ShareIntakeResult(ShareIntakeOutcome.UnknownFacility, Reason: $"No facility with HIP id '{share.HipId}' is served here.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var point = await FindIssuePointAsync(facility.Id, share.CounterCode, ct);
        var record = new ShareRecord
        {
            RequestId = share.RequestId,
            Protocol = share.Protocol,
            FacilityId = facility.Id,
            CounterCode = share.CounterCode,
            CounterId = point?.CounterId,
            ReceivedAt = now,
            RawPayload = rawPayload,
        };
        var callbackId = Guid.NewGuid();

        if (point is null)
        {
            var reason = $"Counter '{share.CounterCode}' is not in service at this facility.";
            record.Status = ShareStatus.Rejected;
            record.RejectionReason = reason;
            AddCallback(record, facility.HipId, callbackId, OnShareCallbacks.Failure(share, reason, callbackId, now), now);
            return new ShareIntakeResult(ShareIntakeOutcome.Rejected, Reason: reason);
        }

        var patient = await UpsertPatientAsync(facility.Id, share.Patient, now, ct);
        var knownPatient = patient.Id != 0;
        var issued = await engine.IssueAtAsync(point, TokenSource.Scan, patient, ct);
        if (linkTokens is not null)
        {
            await linkTokens.RequestIfNeededAsync(facility.Id, facility.HipId, patient, knownPatient, ct);
        }

        // Written once, complete: the record goes in after the token it names, together with its callback.
        record.PatientId = patient.Id;
        record.TokenId = issued.Token.Id;
        record.Status = issued.Reused ? ShareStatus.Reused : ShareStatus.Accepted;

        var expirySeconds = (int)Math.Max(0, (issued.Token.ExpiresAt - now).TotalSeconds);
        AddCallback(record, facility.HipId, callbackId, OnShareCallbacks.Success(share, issued.Token.Label, expirySeconds, callbackId, now), now);
        return new ShareIntakeResult(issued.Reused ? ShareIntakeOutcome.Reused : ShareIntakeOutcome.Accepted, issued.Token.Label);
    }

    /// <summary>Adds the share record with its callback; both go in with the caller's next <c>SaveChanges</c>.</summary>
    private void AddCallback(ShareRecord record, string hipId, Guid callbackId, string body, DateTime now) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            Flow = GatewayFlow.OnShare,
            FacilityId = record.FacilityId,
            HipId = hipId,
            Path = OnShareCallbacks.PathFor(record.Protocol),
            RequestId = callbackId,
            Body = body,
            ShareRecord = record,
            TokenId = record.TokenId,
            PatientId = record.PatientId,
            CreatedAt = now,
            NextAttemptAt = now,
        });

    /// <summary>
    /// The patient is found by ABHA number, else by ABHA address, else, for a returning patient whose record has no
    /// ABHA yet, under ABDM's rule (<see cref="ReturningPatientRule"/>, exactly one record), so they keep their UHID;
    /// anyone else is a new patient. The latest profile wins, with its flags.
    /// </summary>
    private async Task<Patient> UpsertPatientAsync(int facilityId, SharedPatient shared, DateTime now, CancellationToken ct)
    {
        var match = await _matcher.MatchAsync(facilityId, shared.AbhaNumber, shared.AbhaAddress, shared.Demographics, withNameCandidates: false, ct);
        var patient = match.Kind is PatientMatchKind.SameAbha or PatientMatchKind.SamePerson ? match.Patient : null;
        if (patient is null)
        {
            patient = new Patient { FacilityId = facilityId, Name = shared.Demographics.Name, CreatedAt = now };
            db.Patients.Add(patient);
        }

        patient.AbhaNumber = shared.AbhaNumber ?? patient.AbhaNumber;
        patient.AbhaAddress = shared.AbhaAddress ?? patient.AbhaAddress;
        patient.ApplyShared(shared.Demographics);
        patient.UpdatedAt = now;

        // Not saved here: it goes in with the token it gets, or else with the share record, in the same transaction.
        return patient;
    }

    private async Task<FacilityRef?> FindFacilityAsync(string hipId, CancellationToken ct)
    {
        if (!_facilities.TryGetValue(hipId, out var facility))
        {
            _facilities[hipId] = facility = await db.Facilities.AsNoTracking()
                .Where(f => f.HipId == hipId)
                .Select(f => new FacilityRef(f.Id, f.HipId))
                .SingleOrDefaultAsync(ct);
        }

        return facility;
    }

    private async Task<IssuePoint?> FindIssuePointAsync(int facilityId, string counterCode, CancellationToken ct)
    {
        if (!_issuePoints.TryGetValue((facilityId, counterCode), out var point))
        {
            _issuePoints[(facilityId, counterCode)] = point = await engine.FindIssuePointAsync(facilityId, counterCode, ct);
        }

        return point;
    }

    private sealed record FacilityRef(int Id, string HipId);

    private Task<bool> IsKnownAsync(Guid requestId, CancellationToken ct) =>
        db.ShareRecords.AsNoTracking().AnyAsync(s => s.RequestId == requestId, ct);
}
