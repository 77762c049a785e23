using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Linking;

/// <summary>
/// Links each OPD visit (a registered token) to the patient's ABHA as a care context, at registration or completion
/// as configured: with the patient's link token when one is valid, else once the token comes. A patient without ABHA
/// is sent ABDM's SMS instead, when the facility has chosen so. Everything is written in the caller's transaction.
/// </summary>
public sealed class VisitLinking(
    ScanShareDbContext db,
    AbhaLinkTokens linkTokens,
    AbhaSmsLinks smsLinks,
    OutboxSignal outboxSignal,
    IOptions<LinkingOptions> options,
    TimeProvider clock)
{
    public Task OnRegisteredAsync(QueueEngine within, long tokenId, CancellationToken cancellationToken) =>
        options.Value.LinkVisitOn == LinkVisitOn.Registration ? LinkVisitAsync(within, tokenId, cancellationToken) : Task.CompletedTask;

    public Task OnCompletedAsync(QueueEngine within, long tokenId, CancellationToken cancellationToken) =>
        options.Value.LinkVisitOn == LinkVisitOn.Completion ? LinkVisitAsync(within, tokenId, cancellationToken) : Task.CompletedTask;

    /// <summary>Links the registered visit of this token once; a token already linked, or not registered, is left alone.</summary>
    public async Task LinkVisitAsync(QueueEngine within, long tokenId, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var visit = await db.Tokens.AsNoTracking()
            .Where(t => t.Id == tokenId && t.RegisteredAt != null && t.Patient != null)
            .Join(db.Facilities, t => t.FacilityId, f => f.Id, (t, f) => new
            {
                Token = t,
                t.Patient,
                Facility = new FacilityRef(f.Id, f.HipId, f.Name, f.AbhaSmsLink),
                Linked = db.VisitLinks.Any(v => v.TokenId == t.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (visit is not { Linked: false, Patient: { } patient })
        {
            return;
        }

        if (patient.AbhaAddress is null)
        {
            if (visit.Facility.AbhaSmsLink == AbhaSmsLinkMode.Automatic
                && await smsLinks.SendAsync(visit.Token, patient, visit.Facility.Name, visit.Facility.HipId, requestedBy: null, cancellationToken) is not null)
            {
                within.AfterCommit(outboxSignal.Notify);
            }

            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var link = new VisitLink
        {
            FacilityId = visit.Facility.Id,
            PatientId = patient.Id,
            TokenId = tokenId,
            ServiceDate = visit.Token.ServiceDate,
            PatientReference = patient.Uhid ?? $"P{patient.Id}",
            CareContextReference = CareContextReference(visit.Token),
            Display = Display(visit.Token),
            HiType = options.Value.HiType,
            State = VisitLinkState.AwaitingToken,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.VisitLinks.Add(link);
        await AdvanceAsync([link], patient, visit.Facility.HipId, now, cancellationToken);
        within.AfterCommit(outboxSignal.Notify);
    }

    /// <summary>
    /// Moves visits of one patient on: linked with a valid token, or waiting for one (asked for now if need be), or
    /// failed when no token can be had.
    /// </summary>
    /// <returns>Whether a call to the gateway was written.</returns>
    public async Task<bool> AdvanceAsync(IReadOnlyList<VisitLink> links, Patient patient, string hipId, DateTime now, CancellationToken cancellationToken)
    {
        var latest = await linkTokens.LatestAsync(links[0].FacilityId, patient.Id, cancellationToken);
        var decision = linkTokens.Decide(latest, patient, now);
        switch (decision.Next)
        {
            case LinkTokenNext.Use:
                foreach (var link in links)
                {
                    SendLink(link, patient, hipId, decision.Latest!, now);
                }

                return true;
            case LinkTokenNext.Request:
                await linkTokens.RequestAsync(links[0].FacilityId, hipId, patient, latest, now, cancellationToken);
                SetAll(links, VisitLinkState.AwaitingToken, "Waiting for the gateway's link token.", now);
                return true;
            case LinkTokenNext.Wait:
                SetAll(links, VisitLinkState.AwaitingToken, decision.Reason, now);
                return false;
            default:
                SetAll(links, VisitLinkState.Failed, decision.Reason, now);
                return false;
        }
    }

    /// <summary>The link call for one visit, with the patient's token in <c>X-LINK-TOKEN</c>.</summary>
    public void SendLink(VisitLink link, Patient patient, string hipId, LinkToken token, DateTime now)
    {
        link.State = VisitLinkState.Linking;
        link.Problem = null;
        link.LinkRequestId = Guid.NewGuid();
        link.LinkRequestedAt = now;
        link.LinkAttempts++;
        link.UpdatedAt = now;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Flow = GatewayFlow.LinkCareContext,
            FacilityId = link.FacilityId,
            HipId = hipId,
            Path = LinkingMessages.CareContextPath,
            RequestId = link.LinkRequestId.Value,
            Body = LinkingMessages.CareContext(patient, patient.Name, link),
            LinkToken = token.Token,
            TokenId = link.TokenId,
            PatientId = link.PatientId,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>The gateway linked the visit: the patient's app is told of it.</summary>
    public void SendNotification(VisitLink link, string abhaAddress, string hipId, DateTime now)
    {
        link.NotifyRequestId = Guid.NewGuid();
        link.NotifyProblem = null;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Flow = GatewayFlow.NotifyCareContext,
            FacilityId = link.FacilityId,
            HipId = hipId,
            Path = LinkingMessages.NotifyPath,
            RequestId = link.NotifyRequestId.Value,
            Body = LinkingMessages.Notify(abhaAddress, link, hipId, link.LinkedAt ?? now),
            TokenId = link.TokenId,
            PatientId = link.PatientId,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>The visit's reference, unique at the facility: its local date and token number.</summary>
    public static string CareContextReference(Token token) =>
        $"{token.ServiceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{token.Label}";

    public static string Display(Token token) =>
        $"OPD visit {token.ServiceDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}{(token.Department is { } department ? $", {department}" : "")}";

    private static void SetAll(IEnumerable<VisitLink> links, VisitLinkState state, string? problem, DateTime now)
    {
        foreach (var link in links)
        {
            (link.State, link.Problem, link.UpdatedAt) = (state, problem, now);
        }
    }

    private sealed record FacilityRef(int Id, string HipId, string Name, AbhaSmsLinkMode AbhaSmsLink);
}
