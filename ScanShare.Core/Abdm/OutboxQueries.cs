namespace ScanShare.Core.Abdm;

/// <summary>
/// The two reads of callbacks not yet delivered. Each is served by a partial index that holds only such callbacks,
/// so they stay fast however many callbacks have been delivered before.
/// </summary>
public static class OutboxQueries
{
    /// <summary>Callbacks still to be tried whose next attempt is due, oldest first.</summary>
    public static IQueryable<OutboxMessage> DueBy(this IQueryable<OutboxMessage> messages, DateTime now) =>
        messages
            .Where(o => o.DeliveredAt == null && o.GaveUpAt == null && o.NextAttemptAt <= now)
            .OrderBy(o => o.NextAttemptAt);

    /// <summary>Callbacks created since the given time that were tried and not delivered (retrying or given up).</summary>
    public static IQueryable<OutboxMessage> FailedSince(this IQueryable<OutboxMessage> messages, DateTime since) =>
        messages.Where(o => o.DeliveredAt == null && o.Attempts > 0 && o.CreatedAt >= since);
}
