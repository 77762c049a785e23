using Microsoft.EntityFrameworkCore;
using ScanShare.Bench.Load;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;

namespace ScanShare.Bench.Checks;

/// <summary>What the database says after the run: every accepted share committed once, no number handed out twice, every callback delivered.</summary>
public sealed record DatabaseVerdict(
    int DuplicateTokens,
    int LostCallbacks,
    int UndeliveredAfterDrain,
    double DrainSeconds,
    IReadOnlyDictionary<string, int> SharesByStatus,
    IReadOnlyDictionary<long, IssuedToken> IssuedTokens);

/// <summary>A token issued for a share: which share asked for it and which queue it belongs to.</summary>
public readonly record struct IssuedToken(Guid RequestId, int QueueId);

public static class DatabaseChecks
{
    /// <summary>Waits until the outbox has nothing left to deliver, or the timeout passes.</summary>
    public static async Task<(int Undelivered, double Seconds)> DrainOutboxAsync(Func<ScanShareDbContext> createDb, TimeSpan timeout)
    {
        var start = Timestamps.Now;
        var deadline = Timestamps.After(start, timeout);
        while (true)
        {
            await using var db = createDb();
            var undelivered = await db.OutboxMessages.CountAsync(o => o.DeliveredAt == null);
            if (undelivered == 0 || Timestamps.Now > deadline)
            {
                return (undelivered, Timestamps.Milliseconds(start, Timestamps.Now) / 1000);
            }

            await Task.Delay(200);
        }
    }

    public static async Task<DatabaseVerdict> VerifyAsync(Func<ScanShareDbContext> createDb, IReadOnlySet<Guid> acceptedRequestIds, TimeSpan drainTimeout)
    {
        var (undelivered, drainSeconds) = await DrainOutboxAsync(createDb, drainTimeout);
        await using var db = createDb();

        // The same number twice in one queue on one day; a unique index forbids it, and this proves it held.
        var duplicates = await db.Tokens
            .GroupBy(t => new { t.QueueId, t.ServiceDate, t.Number })
            .CountAsync(g => g.Count() > 1);

        var shares = await db.ShareRecords.AsNoTracking()
            .Select(s => new { s.Id, s.RequestId, s.Status })
            .ToListAsync();
        var delivered = (await db.OutboxMessages.AsNoTracking()
            .Where(o => o.DeliveredAt != null)
            .Select(o => o.ShareRecordId)
            .ToListAsync()).ToHashSet();
        var issued = await db.ShareRecords.AsNoTracking()
            .Where(s => s.Status == ShareStatus.Accepted)
            .Join(db.Tokens, s => s.TokenId, t => t.Id, (s, t) => new { TokenId = t.Id, s.RequestId, t.QueueId })
            .ToListAsync();
        var shareIdByRequest = shares.ToDictionary(s => s.RequestId, s => s.Id);
        var lost = acceptedRequestIds.Count(id => !shareIdByRequest.TryGetValue(id, out var shareId) || !delivered.Contains(shareId));

        return new DatabaseVerdict(
            duplicates,
            lost,
            undelivered,
            Math.Round(drainSeconds, 1),
            shares.GroupBy(s => s.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            issued.ToDictionary(i => i.TokenId, i => new IssuedToken(i.RequestId, i.QueueId)));
    }
}
