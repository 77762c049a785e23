using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Linking;

public enum LinkTokenNext
{
    /// <summary>A valid token is at hand.</summary>
    Use,

    /// <summary>Ask the gateway for a token now.</summary>
    Request,

    /// <summary>A request is open, or the gateway asked us to wait; nothing to do yet.</summary>
    Wait,

    /// <summary>No token can be had for this patient as they are (e.g. the gateway says the ABHA is invalid).</summary>
    Never,
}

/// <param name="Reason">Why the visit waits or cannot be linked, for the clerk and the supervisor.</param>
public sealed record LinkTokenDecision(LinkTokenNext Next, LinkToken? Latest, string? Reason = null);

/// <summary>
/// The link tokens of patients at a facility: whether to use, wait for or ask for one, and the request itself, written
/// to the outbox in the caller's transaction. At most one request per patient and facility is open at a time, and a
/// refused one is not repeated before the gateway allows it, so a busy counter never makes a storm of requests.
/// </summary>
public sealed class AbhaLinkTokens(ScanShareDbContext db, IOptions<LinkingOptions> options, TimeProvider clock)
{
    /// <summary>A token this close to its expiry is renewed rather than used, so a link never goes out with a dead one.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);

    /// <summary>ABDM-1027: the gateway blocks link tokens for this ABHA for a day.</summary>
    public static readonly TimeSpan BlockedFor = TimeSpan.FromHours(24);

    public bool Enabled => options.Value.Enabled;

    /// <summary>The patient's latest request at the facility: one read of an index.</summary>
    public Task<LinkToken?> LatestAsync(int facilityId, long patientId, CancellationToken cancellationToken) =>
        db.LinkTokens.LatestOf(facilityId, patientId).FirstOrDefaultAsync(cancellationToken);

    public LinkTokenDecision Decide(LinkToken? latest, Patient patient, DateTime now)
    {
        if (patient.AbhaAddress is null)
        {
            return new(LinkTokenNext.Never, latest, "The patient has no ABHA address.");
        }

        if (patient.YearOfBirth is null)
        {
            return new(LinkTokenNext.Never, latest, "The patient's year of birth is not known; the gateway needs it for a link token.");
        }

        if (latest is null || !string.Equals(latest.AbhaAddress, patient.AbhaAddress, StringComparison.OrdinalIgnoreCase))
        {
            return new(LinkTokenNext.Request, latest);
        }

        return latest.State switch
        {
            LinkTokenState.Requested when now - latest.RequestedAt < options.Value.UnansweredAfter =>
                new(LinkTokenNext.Wait, latest, "Waiting for the gateway's link token."),
            LinkTokenState.Requested => new(LinkTokenNext.Request, latest),
            LinkTokenState.Issued when latest.ExpiresAt > now + RenewBefore => new(LinkTokenNext.Use, latest),
            LinkTokenState.Issued => new(LinkTokenNext.Request, latest),
            _ when latest.RetryAfter is null => new(LinkTokenNext.Never, latest, RefusalText(latest)),
            _ when latest.RetryAfter > now => new(LinkTokenNext.Wait, latest, RefusalText(latest)),
            _ => new(LinkTokenNext.Request, latest),
        };
    }

    /// <summary>
    /// Asks for a patient's link token once their ABHA is known (a share, or an ABHA verified at the desk), unless one is
    /// valid, open, or refused for now.
    /// </summary>
    /// <param name="known">False for a patient created in this transaction, who has no request yet: nothing is read.</param>
    public async Task RequestIfNeededAsync(int facilityId, string hipId, Patient patient, bool known, CancellationToken cancellationToken)
    {
        if (!Enabled || patient.AbhaAddress is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var latest = known ? await LatestAsync(facilityId, patient.Id, cancellationToken) : null;
        if (Decide(latest, patient, now).Next == LinkTokenNext.Request)
        {
            await RequestAsync(facilityId, hipId, patient, latest, now, cancellationToken);
        }
    }

    /// <summary>Writes the request and its call to the gateway; both go in with the caller's transaction.</summary>
    /// <param name="latest">The patient's latest request, as read for the decision.</param>
    public async Task<LinkToken> RequestAsync(int facilityId, string hipId, Patient patient, LinkToken? latest, DateTime now, CancellationToken cancellationToken)
    {
        if (latest is { State: LinkTokenState.Requested })
        {
            // Only one request may be open per patient: the unanswered one is closed first, and shown as such.
            await MarkUnansweredAsync(latest.Id, now, cancellationToken);
        }

        var request = new LinkToken
        {
            FacilityId = facilityId,
            PatientId = patient.Id,
            AbhaAddress = patient.AbhaAddress!,
            RequestId = Guid.NewGuid(),
            State = LinkTokenState.Requested,
            RequestedAt = now,
            FailureStreak = latest is { State: LinkTokenState.Refused or LinkTokenState.Unanswered or LinkTokenState.Requested } ? latest.FailureStreak : 0,
        };
        db.LinkTokens.Add(request);
        db.OutboxMessages.Add(new OutboxMessage
        {
            Flow = GatewayFlow.LinkToken,
            FacilityId = facilityId,
            HipId = hipId,
            Path = LinkingMessages.GenerateTokenPath,
            RequestId = request.RequestId,
            Body = LinkingMessages.GenerateToken(patient),
            PatientId = patient.Id,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return request;
    }

    /// <summary>A request the gateway accepted and never answered is closed, to be asked again after the same wait as a refusal.</summary>
    public async Task MarkUnansweredAsync(long linkTokenId, DateTime now, CancellationToken cancellationToken)
    {
        var request = await db.LinkTokens.SingleAsync(l => l.Id == linkTokenId, cancellationToken);
        request.State = LinkTokenState.Unanswered;
        request.AnsweredAt = now;
        request.ErrorMessage = $"No answer from the gateway within {options.Value.UnansweredAfter.TotalMinutes:0.#} minutes.";
        request.FailureStreak++;
        request.RetryAfter = now + Backoff(request.FailureStreak);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records the gateway's refusal and when to ask again: ABDM-1051 never, ABDM-1027 after a day, ABDM-1024 after a growing wait.</summary>
    public void Refuse(LinkToken request, string code, string message, DateTime now)
    {
        request.State = LinkTokenState.Refused;
        request.AnsweredAt = now;
        request.ErrorCode = code;
        request.ErrorMessage = message;
        request.Token = null;
        request.FailureStreak++;
        request.RetryAfter = code switch
        {
            LinkingErrorCodes.InvalidAbha => null,
            LinkingErrorCodes.ServiceDown => now + Backoff(request.FailureStreak),
            LinkingErrorCodes.DuplicateRequest => now + options.Value.UnansweredAfter,
            _ => now + BlockedFor,
        };
    }

    public void Issue(LinkToken request, string token, DateTime now)
    {
        request.State = LinkTokenState.Issued;
        request.AnsweredAt = now;
        request.Token = token;

        // A token whose expiry cannot be read is used for a day only: asking daily is safe, using a dead token is not.
        request.ExpiresAt = LinkTokenExpiry.Read(token) ?? now + TimeSpan.FromDays(1);
        request.ErrorCode = null;
        request.ErrorMessage = null;
        request.RetryAfter = null;
        request.FailureStreak = 0;
    }

    /// <summary>The wait after the n-th refusal in a row that allows a retry: doubling from the first, up to the maximum.</summary>
    public TimeSpan Backoff(int streak)
    {
        var first = options.Value.ServiceDownRetryAfter;
        var doubled = first * Math.Pow(2, Math.Clamp(streak - 1, 0, 20));
        return doubled < options.Value.MaxRetryAfter ? doubled : options.Value.MaxRetryAfter;
    }

    private static string RefusalText(LinkToken refused)
    {
        var why = refused.ErrorCode is null ? refused.ErrorMessage : $"{refused.ErrorCode} {refused.ErrorMessage}".Trim();
        return refused.RetryAfter is null
            ? $"The gateway refused a link token: {why}. It is not asked again for this ABHA address."
            : $"The gateway refused a link token: {why}. It is asked again after {refused.RetryAfter:yyyy-MM-dd HH:mm} UTC.";
    }
}
