using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;

namespace ScanShare.Core.Patients.Matching;

public enum PatientMatchKind
{
    /// <summary>A patient holds this ABHA number or address already: the same record, whatever the details say.</summary>
    SameAbha,

    /// <summary>Exactly one record without ABHA meets ABDM's rule for this person: the ABHA may be attached to it.</summary>
    SamePerson,

    /// <summary>Records that may be this person but do not meet the rule (or several do): the clerk decides.</summary>
    Candidates,

    /// <summary>Nobody like this person is on record.</summary>
    New,
}

/// <param name="ByMobile">Found because the mobile is the same (a family's phone finds the whole family).</param>
/// <param name="MeetsRule">Mobile and gender equal, age within two years, name phonetically close.</param>
public sealed record MatchCandidate(Patient Patient, bool ByMobile, bool ByName, bool MeetsRule);

public sealed record PatientMatch(PatientMatchKind Kind, Patient? Patient, IReadOnlyList<MatchCandidate> Candidates);

/// <summary>
/// Looks for the hospital's record of a person before a new one is made: by ABHA number, then ABHA address; else
/// the records with the same mobile, then (at the desk) the same sound of name. An ABHA is attached to a record
/// without one only under ABDM's rule (<see cref="ReturningPatientRule"/>) and only when exactly one record meets
/// it; anything less is shown to the clerk, never merged silently. Returns tracked records of the caller's context.
/// </summary>
public sealed class PatientMatcher(ScanShareDbContext db)
{
    private const int MaxCandidates = 12;

    public async Task<PatientMatch> MatchAsync(int facilityId, string? abhaNumber, string? abhaAddress, PatientDemographics details,
        bool withNameCandidates, CancellationToken cancellationToken = default)
    {
        if (await ByAbhaAsync(facilityId, abhaNumber, abhaAddress, cancellationToken) is { } same)
        {
            return new PatientMatch(PatientMatchKind.SameAbha, same, []);
        }

        var byMobile = ReturningPatientRule.UsableMobile(details) is { } mobile
            ? await db.Patients.Where(p => p.FacilityId == facilityId && p.Mobile == mobile).OrderBy(p => p.Id).Take(MaxCandidates).ToListAsync(cancellationToken)
            : [];
        var key = PhoneticName.Key(details.Name);
        var byName = withNameCandidates && key.Length > 0
            ? await db.Patients.Where(p => p.FacilityId == facilityId && p.NameKey == key).OrderByDescending(p => p.Id).Take(MaxCandidates).ToListAsync(cancellationToken)
            : [];
        var candidates = byMobile.Concat(byName)
            .DistinctBy(p => p.Id)
            .Select(p => new MatchCandidate(p, byMobile.Contains(p), byName.Contains(p), ReturningPatientRule.Holds(p, abhaNumber, abhaAddress, details)))
            .OrderByDescending(c => c.MeetsRule).ThenByDescending(c => c.ByMobile)
            .ToList();
        var meeting = candidates.Where(c => c.MeetsRule).ToList();
        return meeting is [var only]
            ? new PatientMatch(PatientMatchKind.SamePerson, only.Patient, candidates)
            : new PatientMatch(candidates.Count == 0 ? PatientMatchKind.New : PatientMatchKind.Candidates, null, candidates);
    }

    /// <summary>The patient holding this ABHA number, else this ABHA address: both looked up in one read, each by its index.</summary>
    public async Task<Patient?> ByAbhaAsync(int facilityId, string? number, string? address, CancellationToken cancellationToken = default)
    {
        var byNumber = db.Patients.Where(p => p.FacilityId == facilityId && p.AbhaNumber == number).OrderBy(p => p.Id).Take(1);
        var byAddress = db.Patients.Where(p => p.FacilityId == facilityId && p.AbhaAddress == address).OrderBy(p => p.Id).Take(1);
        var found = (number, address) switch
        {
            (null, null) => [],
            (_, null) => await byNumber.ToListAsync(cancellationToken),
            (null, _) => await byAddress.ToListAsync(cancellationToken),
            _ => await byNumber.Concat(byAddress).ToListAsync(cancellationToken),
        };
        return found.FirstOrDefault(p => number is not null && p.AbhaNumber == number)
            ?? found.FirstOrDefault(p => address is not null && p.AbhaAddress == address);
    }
}
