using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abha;
using ScanShare.Core.Data;
using ScanShare.Core.Patients;
using ScanShare.Core.Staff;

namespace ScanShare.Core.Queueing;

/// <summary>
/// Everything a clerk does at a counter, checked here rather than in the page: the member of staff must work for the
/// counter's facility, may work counters (clerk or admin), is at their fixed counter if they have one, and touches only
/// tokens of that counter's queue or at that counter. Each change is recorded with them as its author.
/// </summary>
public sealed class CounterWork(
    ScanShareDbContext db,
    QueueEngine engine,
    StaffScopes scopes,
    ActingStaff acting,
    WalkInRegistration walkIns,
    PatientRegistration registrations,
    AbhaDeskPatients abhaPatients)
{
    public async Task<Token?> CallNextAsync(string userId, int counterId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId: null, cancellationToken);
        return await engine.CallNextAsync(counterId, cancellationToken);
    }

    public async Task<Token> CallAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await engine.CallAsync(tokenId, counterId, cancellationToken);
    }

    public async Task<Token> RecallAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await engine.RecallAsync(tokenId, cancellationToken);
    }

    public async Task<Token> SkipAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await engine.SkipAsync(tokenId, cancellationToken);
    }

    public async Task<Token> StartServingAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await engine.StartServingAsync(tokenId, cancellationToken);
    }

    public async Task<Token> CompleteAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await engine.CompleteAsync(tokenId, cancellationToken);
    }

    /// <returns>The new token in the target queue.</returns>
    public async Task<Token> TransferAsync(string userId, int counterId, long tokenId, int targetQueueId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await engine.TransferAsync(tokenId, targetQueueId, cancellationToken);
    }

    public async Task<Token> IssueWalkInAsync(string userId, int counterId, WalkIn walkIn, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId: null, cancellationToken);
        return await walkIns.RegisterAsync(counterId, walkIn, cancellationToken);
    }

    /// <summary>The records that may be the patient whose ABHA was scanned or verified at the desk: patient data, so only for staff of the counter.</summary>
    public async Task<AbhaMatchView> MatchAbhaPatientAsync(string userId, int counterId, AbhaProfile profile, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId: null, cancellationToken);
        return await abhaPatients.MatchAsync(counterId, profile, cancellationToken);
    }

    /// <summary>
    /// A token for a patient identified at the desk by their ABHA QR (source <see cref="TokenSource.AbhaQr"/>) or by
    /// OTP (<see cref="TokenSource.OtpVerified"/>), for the record the clerk confirmed or a new one.
    /// </summary>
    public async Task<AbhaIssued> IssueForAbhaPatientAsync(string userId, int counterId, AbhaProfile profile, long? confirmedPatientId,
        CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId: null, cancellationToken);
        return await abhaPatients.IssueAsync(counterId, profile, confirmedPatientId, cancellationToken);
    }

    /// <summary>The patient's profile for checking at registration: patient data, so only for the counter's own tokens.</summary>
    public async Task<RegistrationDraft?> RegistrationDraftAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await registrations.DraftAsync(tokenId, cancellationToken);
    }

    /// <returns>The patient's UHID.</returns>
    public async Task<string> RegisterAsync(string userId, int counterId, long tokenId, RegistrationDetails details, int patientVersion,
        CancellationToken cancellationToken = default)
    {
        var staff = await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        return await registrations.RegisterAsync(tokenId, details, patientVersion, staff.Name, cancellationToken);
    }

    /// <exception cref="StaffAccessDeniedException">The member of staff may not act at this counter or on this token.</exception>
    private async Task<StaffScope> ActAtAsync(string userId, int counterId, long? tokenId, CancellationToken cancellationToken)
    {
        var staff = await scopes.ForUserAsync(userId, cancellationToken);
        var counter = await db.Counters.AsNoTracking()
            .Where(c => c.Id == counterId)
            .Select(c => new { c.Id, c.FacilityId, c.QueueId, c.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (counter is null || !staff.MayWorkAt(counter.FacilityId, counter.Id))
        {
            throw new StaffAccessDeniedException(staff.AssignedCounterId is not null && counter is not null && staff.Sees(counter.FacilityId)
                ? $"You are assigned to another counter, not {counter.Name}."
                : "You may not work at this counter.");
        }

        if (tokenId is { } id)
        {
            var token = await db.Tokens.AsNoTracking()
                .Where(t => t.Id == id)
                .Select(t => new { t.FacilityId, t.QueueId, t.CounterId })
                .SingleOrDefaultAsync(cancellationToken);
            if (token is null || token.FacilityId != counter.FacilityId || (token.QueueId != counter.QueueId && token.CounterId != counter.Id))
            {
                throw new StaffAccessDeniedException($"That token is not in {counter.Name}'s queue.");
            }
        }

        acting.Current = (staff.UserId, staff.Name, counter.Id);
        return staff;
    }
}
