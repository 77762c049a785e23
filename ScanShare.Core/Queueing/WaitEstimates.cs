using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;

namespace ScanShare.Core.Queueing;

/// <summary>"About 12 ahead, ~15 min": how many are before a waiting token and roughly how long that takes at the current pace.</summary>
/// <param name="Minutes">Null until the queue has called enough tokens today to know its pace.</param>
public sealed record WaitEstimate(int Ahead, int? Minutes)
{
    public string Text => (Ahead == 0 ? "next in line" : $"about {Ahead} ahead") + (Minutes is { } minutes ? $", ~{minutes} min" : "");

    public string HindiText => (Ahead == 0 ? "आप अगले हैं" : $"आगे लगभग {Ahead}") + (Minutes is { } minutes ? $", ~{minutes} मिनट" : "");
}

/// <summary>
/// The queue's pace is read from its last calls: the time from the oldest of the last <see cref="Sample"/> first calls
/// (within the last hour) until now, divided by their number. All counters of the queue count together, and a pause
/// (no calls for a while) slows the pace down by itself because "now" keeps moving.
/// </summary>
public sealed class WaitEstimates(ScanShareDbContext db, TimeProvider clock)
{
    public const int Sample = 10;
    private const int MinimumCalls = 3;
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Minutes between calls in this queue lately, or null when too few tokens were called in the last hour.</summary>
    public async Task<double?> MinutesPerCallAsync(int queueId, DateOnly serviceDate, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;
        var recent = await db.Tokens.AsNoTracking()
            .Where(t => t.QueueId == queueId && t.ServiceDate == serviceDate && t.FirstCalledAt != null && t.FirstCalledAt >= since)
            .OrderByDescending(t => t.FirstCalledAt)
            .Take(Sample)
            .Select(t => t.FirstCalledAt!.Value)
            .ToListAsync(cancellationToken);
        return Pace(recent, now);
    }

    /// <summary>Where the token stands: tokens before it in call order, and the wait at the current pace.</summary>
    public async Task<WaitEstimate?> ForTokenAsync(long tokenId, CancellationToken cancellationToken = default)
    {
        var token = await db.Tokens.AsNoTracking()
            .Where(t => t.Id == tokenId && t.State == TokenState.Waiting)
            .Select(t => new { t.Id, t.QueueId, t.ServiceDate, t.Queue!.PriorityLanesEnabled })
            .SingleOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return null;
        }

        var order = await db.Tokens.AsNoTracking()
            .Where(t => t.QueueId == token.QueueId && t.ServiceDate == token.ServiceDate && t.State == TokenState.Waiting)
            .InCallOrder(token.PriorityLanesEnabled)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        var ahead = Math.Max(0, order.IndexOf(token.Id));
        return Estimate(ahead, await MinutesPerCallAsync(token.QueueId, token.ServiceDate, cancellationToken));
    }

    /// <summary>The wait of a token with <paramref name="ahead"/> tokens before it: it is called after all of them, one call later.</summary>
    public static WaitEstimate Estimate(int ahead, double? minutesPerCall) =>
        new(ahead, minutesPerCall is { } pace ? Math.Max(1, (int)Math.Round((ahead + 1) * pace, MidpointRounding.AwayFromZero)) : null);

    public static double? Pace(IReadOnlyList<DateTime> recentCallsNewestFirst, DateTime now) =>
        recentCallsNewestFirst.Count < MinimumCalls ? null : (now - recentCallsNewestFirst[^1]).TotalMinutes / recentCallsNewestFirst.Count;
}
