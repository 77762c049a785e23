using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Linking;

/// <summary>An error the gateway answered with.</summary>
public sealed record GatewayAnswerError(string? Code, string? Message)
{
    public override string ToString() => $"{LinkingErrorCodes.Normalize(Code)} {Message}".Trim();
}

public enum LinkingAnswerKind
{
    LinkToken,
    CareContext,
    Notify,
    Sms,
}

/// <summary>One answer of the gateway to a linking call of ours, as its endpoint read it.</summary>
/// <param name="RequestId">Our REQUEST-ID it answers (<c>response.requestId</c>).</param>
/// <param name="Acknowledged">For an SMS: the gateway's <c>ACKNOWLEDGED</c>.</param>
public sealed record LinkingAnswer(LinkingAnswerKind Kind, Guid RequestId, GatewayAnswerError? Error, string? LinkToken = null, bool Acknowledged = false);

public enum LinkCallbackOutcome
{
    /// <summary>The answer was recorded and acted on.</summary>
    Applied,

    /// <summary>The request was answered before; this repeat changes nothing.</summary>
    Duplicate,

    /// <summary>No request of ours has this id.</summary>
    Unknown,
}

/// <summary>
/// The gateway's answers to our linking calls, each correlated by <c>response.requestId</c> with the REQUEST-ID of
/// our call and taken in once: a repeat or an answer to a request we never made changes nothing. Answers arriving
/// together are taken in one transaction (<see cref="ApplyAllAsync"/>), as shares are.
/// </summary>
public sealed class LinkingCallbacks(
    ScanShareDbContext db,
    QueueEngine engine,
    AbhaLinkTokens linkTokens,
    VisitLinking visits,
    OutboxSignal outboxSignal,
    VisitLinkChanges changes,
    TimeProvider clock)
{
    /// <summary>The tokens whose visit link or SMS the answers of the current transaction changed.</summary>
    private readonly List<long> _changed = [];

    /// <summary>Takes in one answer in its own transaction.</summary>
    public async Task<LinkCallbackOutcome> ApplyAsync(LinkingAnswer answer, CancellationToken cancellationToken = default)
    {
        _changed.Clear();
        var outcome = await engine.InTransactionAsync(ct => ApplyInTransactionAsync(answer, ct), cancellationToken);
        if (outcome == LinkCallbackOutcome.Applied)
        {
            // Whatever the answer led to (links, notifications) is committed; the dispatcher sends it now.
            outboxSignal.Notify();
            changes.Publish(_changed);
        }

        return outcome;
    }

    /// <summary>
    /// Takes in several answers in one transaction, each exactly as <see cref="ApplyAsync"/> would: one commit serves
    /// them all. All or nothing; on an error the caller takes them one at a time.
    /// </summary>
    public async Task<IReadOnlyList<LinkCallbackOutcome>> ApplyAllAsync(IReadOnlyList<LinkingAnswer> answers, CancellationToken cancellationToken = default)
    {
        _changed.Clear();
        var outcomes = await engine.InTransactionAsync(async ct =>
        {
            var taken = new List<LinkCallbackOutcome>(answers.Count);
            foreach (var answer in answers)
            {
                taken.Add(await ApplyInTransactionAsync(answer, ct));
                await db.SaveChangesAsync(ct);

                // Everything of this answer is written; the next one starts with an empty change tracker.
                db.ChangeTracker.Clear();
            }

            return taken;
        }, cancellationToken);
        if (outcomes.Contains(LinkCallbackOutcome.Applied))
        {
            outboxSignal.Notify();
            changes.Publish(_changed);
        }

        return outcomes;
    }

    private async Task<LinkCallbackOutcome> OnLinkTokenAsync(Guid requestId, string? linkToken, GatewayAnswerError? error, CancellationToken ct)
    {
        var request = await db.LinkTokens.SingleOrDefaultAsync(l => l.RequestId == requestId, ct);
        if (request is null)
        {
            return LinkCallbackOutcome.Unknown;
        }

        // A late answer to a request we had given up waiting for is still the gateway's answer.
        if (request.State is not (LinkTokenState.Requested or LinkTokenState.Unanswered))
        {
            return LinkCallbackOutcome.Duplicate;
        }

        var now = Now;
        if (error is null && !string.IsNullOrWhiteSpace(linkToken))
        {
            linkTokens.Issue(request, linkToken, now);
        }
        else
        {
            linkTokens.Refuse(request, LinkingErrorCodes.Normalize(error?.Code), error?.Message ?? "The answer carried no link token.", now);
        }

        await db.SaveChangesAsync(ct);
        var waiting = await db.VisitLinks.AwaitingTokenOf(request.FacilityId, request.PatientId).ToListAsync(ct);
        if (waiting.Count > 0)
        {
            _changed.AddRange(waiting.Select(v => v.TokenId));
            var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == request.PatientId, ct);
            await visits.AdvanceAsync(waiting, patient, await HipIdAsync(request.FacilityId, ct), now, ct);
        }

        return LinkCallbackOutcome.Applied;
    }

    private async Task<LinkCallbackOutcome> OnCareContextAsync(Guid requestId, GatewayAnswerError? error, CancellationToken ct)
    {
        var link = await db.VisitLinks.SingleOrDefaultAsync(v => v.LinkRequestId == requestId, ct);
        if (link is null)
        {
            return LinkCallbackOutcome.Unknown;
        }

        if (link.State != VisitLinkState.Linking)
        {
            return LinkCallbackOutcome.Duplicate;
        }

        var now = Now;
        link.UpdatedAt = now;
        _changed.Add(link.TokenId);
        if (error is not null && LinkingErrorCodes.Normalize(error.Code) != LinkingErrorCodes.AlreadyLinked)
        {
            link.State = VisitLinkState.Failed;
            link.Problem = $"The gateway did not link the visit: {error}.";
            return LinkCallbackOutcome.Applied;
        }

        link.State = VisitLinkState.Linked;
        link.LinkedAt = now;
        link.Problem = null;
        var address = await db.Patients.Where(p => p.Id == link.PatientId).Select(p => p.AbhaAddress).SingleAsync(ct);
        visits.SendNotification(link, address!, await HipIdAsync(link.FacilityId, ct), now);
        return LinkCallbackOutcome.Applied;
    }

    private async Task<LinkCallbackOutcome> OnNotifyAsync(Guid requestId, GatewayAnswerError? error, CancellationToken ct)
    {
        var link = await db.VisitLinks.SingleOrDefaultAsync(v => v.NotifyRequestId == requestId, ct);
        if (link is null)
        {
            return LinkCallbackOutcome.Unknown;
        }

        if (link.NotifiedAt is not null || link.NotifyProblem is not null)
        {
            return LinkCallbackOutcome.Duplicate;
        }

        link.UpdatedAt = Now;
        if (error is null)
        {
            link.NotifiedAt = Now;
        }
        else
        {
            link.NotifyProblem = $"The gateway did not notify the patient's app: {error}.";
        }

        return LinkCallbackOutcome.Applied;
    }

    private async Task<LinkCallbackOutcome> OnSmsAsync(Guid requestId, bool acknowledged, GatewayAnswerError? error, CancellationToken ct)
    {
        var sms = await db.SmsLinks.SingleOrDefaultAsync(s => s.RequestId == requestId, ct);
        if (sms is null)
        {
            return LinkCallbackOutcome.Unknown;
        }

        if (sms.State != SmsLinkState.Sent)
        {
            return LinkCallbackOutcome.Duplicate;
        }

        sms.AnsweredAt = Now;
        _changed.Add(sms.TokenId);
        (sms.State, sms.Problem) = acknowledged && error is null
            ? (SmsLinkState.Acknowledged, (string?)null)
            : (SmsLinkState.Errored, $"The gateway could not send the SMS: {error?.ToString() ?? "ERRORED"}.");
        return LinkCallbackOutcome.Applied;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<LinkCallbackOutcome> ApplyInTransactionAsync(LinkingAnswer answer, CancellationToken ct) => answer.Kind switch
    {
        LinkingAnswerKind.LinkToken => OnLinkTokenAsync(answer.RequestId, answer.LinkToken, answer.Error, ct),
        LinkingAnswerKind.CareContext => OnCareContextAsync(answer.RequestId, answer.Error, ct),
        LinkingAnswerKind.Notify => OnNotifyAsync(answer.RequestId, answer.Error, ct),
        _ => OnSmsAsync(answer.RequestId, answer.Acknowledged, answer.Error, ct),
    };

    private Task<string> HipIdAsync(int facilityId, CancellationToken ct) =>
        db.Facilities.Where(f => f.Id == facilityId).Select(f => f.HipId).SingleAsync(ct);
}
