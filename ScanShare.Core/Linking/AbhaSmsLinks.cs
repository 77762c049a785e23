using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Linking;

/// <summary>When the facility sends ABDM's SMS link to patients without ABHA.</summary>
public enum AbhaSmsLinkMode
{
    /// <summary>When the clerk asks for it at the desk.</summary>
    OnClick,

    /// <summary>For every visit of a patient without ABHA who gave a mobile, when the visit would be linked.</summary>
    Automatic,
}

/// <summary>
/// ABDM's SMS to a patient without ABHA: one per visit, sent again only after the gateway said it could not send it.
/// Written in the caller's transaction.
/// </summary>
public sealed class AbhaSmsLinks(ScanShareDbContext db, TimeProvider clock)
{
    /// <summary>Why the SMS cannot go to this patient, or null when it can.</summary>
    public static string? Problem(Patient patient) =>
        patient.AbhaAddress is not null || patient.AbhaNumber is not null ? $"{patient.Name} has an ABHA; the visit is linked to it instead."
        : LinkingMessages.PhoneNo(patient.Mobile) is null ? $"{patient.Name} has no Indian mobile number on record."
        : null;

    /// <summary>Sends the SMS for the token's visit from the desk.</summary>
    /// <exception cref="QueueRuleException">The token has no patient, or the patient has an ABHA or no mobile.</exception>
    public async Task<SmsLink> SendForTokenAsync(long tokenId, string requestedBy, CancellationToken cancellationToken)
    {
        var row = await db.Tokens.AsNoTracking()
            .Where(t => t.Id == tokenId)
            .Join(db.Facilities, t => t.FacilityId, f => f.Id, (t, f) => new { Token = t, t.Patient, f.HipId, f.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new QueueRuleException(QueueError.UnknownToken, $"There is no token with id {tokenId}.");
        if (row.Patient is not { } patient)
        {
            throw new QueueRuleException(QueueError.InvalidState, $"{row.Token.Label} has no patient to send an SMS to.");
        }

        if (Problem(patient) is { } problem)
        {
            throw new QueueRuleException(QueueError.InvalidInput, problem);
        }

        return (await SendAsync(row.Token, patient, row.Name, row.HipId, requestedBy, cancellationToken))!;
    }

    /// <returns>The SMS, sent now or before; null when this patient cannot get one.</returns>
    public async Task<SmsLink?> SendAsync(Token token, Patient patient, string hipName, string hipId, string? requestedBy,
        CancellationToken cancellationToken)
    {
        if (Problem(patient) is not null)
        {
            return null;
        }

        var sms = await db.SmsLinks.SingleOrDefaultAsync(s => s.TokenId == token.Id, cancellationToken);
        if (sms is { State: SmsLinkState.Sent or SmsLinkState.Acknowledged })
        {
            // One SMS per visit: a second click, or a click after the automatic one, changes nothing.
            return sms;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        sms ??= db.SmsLinks.Add(new SmsLink { FacilityId = token.FacilityId, PatientId = patient.Id, TokenId = token.Id, PhoneNo = "" }).Entity;
        sms.PhoneNo = LinkingMessages.PhoneNo(patient.Mobile)!;
        sms.RequestId = Guid.NewGuid();
        sms.State = SmsLinkState.Sent;
        sms.RequestedAt = now;
        sms.AnsweredAt = null;
        sms.Problem = null;
        sms.RequestedBy = requestedBy;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Flow = GatewayFlow.SmsLink,
            FacilityId = token.FacilityId,
            HipId = hipId,
            Path = LinkingMessages.SmsNotifyPath,
            RequestId = sms.RequestId,
            Body = LinkingMessages.SmsNotify(sms.PhoneNo, hipName, hipId),
            TokenId = token.Id,
            PatientId = patient.Id,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return sms;
    }
}
