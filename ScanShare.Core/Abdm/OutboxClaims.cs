using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;

namespace ScanShare.Core.Abdm;

/// <summary>
/// Which app instance sends which message. A sender claims due messages by moving their next attempt to the end of
/// a lease: no other instance sees them as due until then, so each is sent by one instance; if that instance dies,
/// the lease runs out and another takes them over. On PostgreSQL concurrent claimers skip each other's rows
/// (<c>FOR UPDATE SKIP LOCKED</c>) instead of waiting; SQLite has one writer, so its claims never overlap.
/// The PostgreSQL claim's selection is <see cref="OutboxQueries.DueBy"/> written out, for the lock clause.
/// </summary>
public static class OutboxClaims
{
    /// <returns>The claimed messages, oldest due first.</returns>
    public static async Task<List<OutboxMessage>> ClaimDueAsync(
        ScanShareDbContext db, DateTime now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        var leaseEnd = now + lease;
        List<long> ids;
        if (db.Database.IsNpgsql())
        {
            ids = await db.Database.SqlQuery<long>($"""
                UPDATE "OutboxMessages" SET "NextAttemptAt" = {leaseEnd}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "DeliveredAt" IS NULL AND "GaveUpAt" IS NULL AND "NextAttemptAt" <= {now}
                    ORDER BY "NextAttemptAt" LIMIT {max}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }
        else
        {
            // The caller holds SQLite's one write turn, so nobody claims between this read and the write.
            ids = await db.OutboxMessages.DueBy(now).Take(max).Select(o => o.Id).ToListAsync(cancellationToken);
            await db.OutboxMessages.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(set => set.SetProperty(o => o.NextAttemptAt, leaseEnd), cancellationToken);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var claimed = await db.OutboxMessages.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)];
    }

    /// <summary>Gives back claimed messages that were not tried (e.g. on a stop): due again at once, for any instance.</summary>
    public static Task<int> ReleaseAsync(ScanShareDbContext db, IReadOnlyCollection<long> ids, DateTime now, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : db.OutboxMessages
                .Where(o => ids.Contains(o.Id) && o.DeliveredAt == null && o.GaveUpAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.NextAttemptAt, now), cancellationToken);
}
