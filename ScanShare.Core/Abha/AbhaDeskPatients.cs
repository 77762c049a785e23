using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Patients.Matching;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Abha;

/// <summary>A record that may be the patient at the desk, with why it was found and what the rule finds different.</summary>
public sealed record AbhaCandidate(
    long PatientId,
    string Name,
    Gender Gender,
    int? YearOfBirth,
    string? Mobile,
    string? Uhid,
    string? AbhaNumber,
    string? AbhaAddress,
    bool ByMobile,
    bool ByName,
    IReadOnlyList<string> Differences)
{
    public bool MeetsRule => Differences.Count == 0;
}

/// <summary>What the desk knows of the patient before issuing: their record (same ABHA, or the one record the rule attaches to) or candidates.</summary>
public sealed record AbhaMatchView(PatientMatchKind Kind, long? PatientId, IReadOnlyList<AbhaCandidate> Candidates);

/// <param name="NewPatient">No record was found or chosen: one was made.</param>
public sealed record AbhaIssued(Token Token, bool Reused, long PatientId, bool NewPatient, string? Uhid);

/// <summary>
/// A patient identified at the desk by their ABHA QR or an OTP gets their record found or made and a token from the
/// same engine as every other, in one transaction. A record already holding this ABHA is always the one; otherwise
/// the record the clerk chose (a rule match comes pre-chosen), or a new one. The clerk's authority is checked by
/// <see cref="CounterWork"/>, which is the only caller.
/// </summary>
public sealed class AbhaDeskPatients(ScanShareDbContext db, QueueEngine engine, TimeProvider clock, AbhaLinkTokens? linkTokens = null)
{
    private readonly PatientMatcher _matcher = new(db);

    public async Task<AbhaMatchView> MatchAsync(int counterId, AbhaProfile profile, CancellationToken cancellationToken = default)
    {
        var facilityId = await db.Counters.Where(c => c.Id == counterId).Select(c => c.FacilityId).SingleAsync(cancellationToken);
        var match = await _matcher.MatchAsync(facilityId, profile.AbhaNumber, profile.AbhaAddress, profile.Demographics, withNameCandidates: true, cancellationToken);
        var found = match.Kind == PatientMatchKind.SameAbha ? [new MatchCandidate(match.Patient!, false, false, true)] : match.Candidates;
        var candidates = found.Select(c => new AbhaCandidate(c.Patient.Id, c.Patient.Name, c.Patient.Gender, c.Patient.YearOfBirth, c.Patient.Mobile,
            c.Patient.Uhid, c.Patient.AbhaNumber, c.Patient.AbhaAddress, c.ByMobile, c.ByName,
            match.Kind == PatientMatchKind.SameAbha ? [] : ReturningPatientRule.Differences(c.Patient, profile.AbhaNumber, profile.AbhaAddress, profile.Demographics))).ToList();
        return new AbhaMatchView(match.Kind, match.Patient?.Id, candidates);
    }

    /// <param name="existingPatientId">The record the clerk confirmed is this patient; null for a new record.</param>
    public Task<AbhaIssued> IssueAsync(int counterId, AbhaProfile profile, long? existingPatientId, CancellationToken cancellationToken = default) =>
        engine.InTransactionAsync(async ct =>
        {
            var counter = await db.Counters.AsNoTracking().Where(c => c.Id == counterId).Select(c => new { c.FacilityId, c.Code }).SingleAsync(ct);
            var point = await engine.FindIssuePointAsync(counter.FacilityId, counter.Code, ct)
                ?? throw new QueueRuleException(QueueError.InactiveCounter, "This counter is closed.");
            var now = clock.GetUtcNow().UtcDateTime;
            var patient = await _matcher.ByAbhaAsync(counter.FacilityId, profile.AbhaNumber, profile.AbhaAddress, ct)
                ?? (existingPatientId is { } id ? await ChosenAsync(counter.FacilityId, id, profile, ct) : null);
            var isNew = patient is null;
            if (patient is null)
            {
                patient = new Patient { FacilityId = counter.FacilityId, Name = profile.Demographics.Name, CreatedAt = now };
                db.Patients.Add(patient);
            }
            else
            {
                patient.Version++;
            }

            patient.AbhaNumber = profile.AbhaNumber ?? patient.AbhaNumber;
            patient.AbhaAddress = profile.AbhaAddress ?? patient.AbhaAddress;
            patient.ApplyShared(profile.Demographics);
            patient.UpdatedAt = now;
            var issued = await engine.IssueAtAsync(point, profile.IsVerified ? TokenSource.OtpVerified : TokenSource.AbhaQr, patient, ct);

            // A verified ABHA is asked its link token at once, as a share's is, so the visit can be linked at registration.
            if (profile.IsVerified && linkTokens is not null)
            {
                var hipId = await db.Facilities.Where(f => f.Id == counter.FacilityId).Select(f => f.HipId).SingleAsync(ct);
                await linkTokens.RequestIfNeededAsync(counter.FacilityId, hipId, patient, known: !isNew, ct);
            }

            return new AbhaIssued(issued.Token, issued.Reused, patient.Id, isNew, patient.Uhid);
        }, cancellationToken);

    private async Task<Patient> ChosenAsync(int facilityId, long patientId, AbhaProfile profile, CancellationToken ct)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId && p.FacilityId == facilityId, ct)
            ?? throw new QueueRuleException(QueueError.InvalidInput, "That patient record is not at this facility.");
        return patient.AbhaNumber is { } other && profile.AbhaNumber is { } number && other != number
            ? throw new QueueRuleException(QueueError.InvalidInput,
                $"{patient.Name}'s record holds another ABHA number ({PatientDisplay.MaskAbhaNumber(other)}); choose another record or a new one.")
            : patient;
    }
}
