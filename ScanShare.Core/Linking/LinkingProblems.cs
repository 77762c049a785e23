using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;

namespace ScanShare.Core.Linking;

/// <summary>
/// The gateway's refusals in the linking flows, for the supervisor's gateway problems: link tokens refused or never
/// answered (and when they are asked again), visits not linked, notifications and SMS that failed. Instants in UTC;
/// no patient data, only our request ids.
/// </summary>
public static class LinkingProblems
{
    public static async Task<IReadOnlyList<GatewayProblem>> SinceAsync(
        ScanShareDbContext db, int facilityId, DateTime sinceUtc, string timeZoneId, int max, CancellationToken cancellationToken)
    {
        var tokens = await db.LinkTokens.AsNoTracking()
            .RefusedSince(facilityId, sinceUtc)
            .OrderByDescending(l => l.AnsweredAt)
            .Take(max)
            .Select(l => new { l.AnsweredAt, l.State, l.ErrorCode, l.ErrorMessage, l.RetryAfter, l.RequestId })
            .ToListAsync(cancellationToken);
        var failed = await db.VisitLinks.AsNoTracking()
            .FailedSince(facilityId, sinceUtc)
            .OrderByDescending(v => v.UpdatedAt)
            .Take(max)
            .Select(v => new { v.UpdatedAt, v.Problem, v.LinkRequestId })
            .ToListAsync(cancellationToken);
        var unnotified = await db.VisitLinks.AsNoTracking()
            .NotifyFailedSince(facilityId, sinceUtc)
            .OrderByDescending(v => v.UpdatedAt)
            .Take(max)
            .Select(v => new { v.UpdatedAt, v.NotifyProblem, v.NotifyRequestId })
            .ToListAsync(cancellationToken);
        var sms = await db.SmsLinks.AsNoTracking()
            .Where(s => s.FacilityId == facilityId && s.State == SmsLinkState.Errored && s.AnsweredAt >= sinceUtc)
            .OrderByDescending(s => s.AnsweredAt)
            .Take(max)
            .Select(s => new { s.AnsweredAt, s.Problem, s.RequestId })
            .ToListAsync(cancellationToken);

        string Retry(DateTime? retryAfter) => retryAfter is { } at
            ? $"asked again after {FacilityCalendar.ToLocal(at, timeZoneId).ToString("d MMM HH:mm", CultureInfo.InvariantCulture)}"
            : "not asked again for this ABHA address";
        return
        [
            .. tokens.Select(l => new GatewayProblem(
                l.AnsweredAt!.Value,
                l.State == LinkTokenState.Refused ? "Link token refused" : "Link token unanswered",
                LinkingMessages.GenerateTokenPath,
                $"{(l.ErrorCode is null ? l.ErrorMessage : $"{l.ErrorCode} {l.ErrorMessage}")}; {Retry(l.RetryAfter)}.",
                l.RequestId)),
            .. failed.Select(v => new GatewayProblem(
                v.UpdatedAt, "Visit not linked", LinkingMessages.CareContextPath, v.Problem, v.LinkRequestId)),
            .. unnotified.Select(v => new GatewayProblem(
                v.UpdatedAt, "Visit notification failed", LinkingMessages.NotifyPath, v.NotifyProblem, v.NotifyRequestId)),
            .. sms.Select(s => new GatewayProblem(s.AnsweredAt!.Value, "ABHA SMS failed", LinkingMessages.SmsNotifyPath, s.Problem, s.RequestId)),
        ];
    }
}
