using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Abha;
using ScanShare.Core.Data;
using ScanShare.Core.Linking;
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
    AbhaDeskPatients abhaPatients,
    AbhaSmsLinks? smsLinks = null,
    OutboxSignal? outboxSignal = null,
    VisitLinkChanges? linkChanges = null)
{
    public Task<Token?> CallNextAsync(string userId, int counterId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, null, _ => engine.CallNextAsync(counterId, cancellationToken), cancellationToken);

    public Task<Token> CallAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.CallAsync(tokenId, counterId, cancellationToken), cancellationToken);

    public Task<Token> RecallAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.RecallAsync(tokenId, cancellationToken), cancellationToken);

    public Task<Token> SkipAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.SkipAsync(tokenId, cancellationToken), cancellationToken);

    public Task<Token> StartServingAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.StartServingAsync(tokenId, cancellationToken), cancellationToken);

    public Task<Token> CompleteAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.CompleteAsync(tokenId, cancellationToken), cancellationToken);

    /// <returns>The new token in the target queue.</returns>
    public Task<Token> TransferAsync(string userId, int counterId, long tokenId, int targetQueueId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.TransferAsync(tokenId, targetQueueId, cancellationToken), cancellationToken);

    public Task<Token> SetPriorityAsync(string userId, int counterId, long tokenId, PriorityLane priority, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => engine.SetPriorityAsync(tokenId, priority, cancellationToken), cancellationToken);

    public Task<Token> IssueWalkInAsync(string userId, int counterId, WalkIn walkIn, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, null, _ => walkIns.RegisterAsync(counterId, walkIn, cancellationToken), cancellationToken);

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
        var issued = await abhaPatients.IssueAsync(counterId, profile, confirmedPatientId, cancellationToken);
        outboxSignal?.Notify();
        return issued;
    }

    /// <summary>The patient's profile for checking at registration: patient data, so only for the counter's own tokens.</summary>
    public Task<RegistrationDraft?> RegistrationDraftAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, _ => registrations.DraftAsync(tokenId, cancellationToken), cancellationToken);

    /// <returns>The patient's UHID.</returns>
    public Task<string> RegisterAsync(string userId, int counterId, long tokenId, RegistrationDetails details, int patientVersion,
        CancellationToken cancellationToken = default) =>
        ActAsync(userId, counterId, tokenId, staff => registrations.RegisterAsync(tokenId, details, patientVersion, staff.Name, cancellationToken),
            cancellationToken);

    private async Task<T> ActAsync<T>(string userId, int counterId, long? tokenId, Func<StaffScope, Task<T>> action, CancellationToken cancellationToken) =>
        await action(await ActAtAsync(userId, counterId, tokenId, cancellationToken));

    /// <summary>Sends ABDM's SMS link to the token's patient, who has no ABHA: once per visit, again only if the gateway could not send it.</summary>
    /// <exception cref="QueueRuleException">The patient has an ABHA or no Indian mobile.</exception>
    public async Task<SmsLinkState> SendAbhaSmsLinkAsync(string userId, int counterId, long tokenId, CancellationToken cancellationToken = default)
    {
        var staff = await ActAtAsync(userId, counterId, tokenId, cancellationToken);
        var sms = smsLinks ?? throw new InvalidOperationException("ABHA SMS links are not set up in this host.");
        var sent = await engine.InTransactionAsync(ct => sms.SendForTokenAsync(tokenId, staff.Name, ct), cancellationToken);
        outboxSignal?.Notify();
        linkChanges?.Publish([tokenId]);
        return sent.State;
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
