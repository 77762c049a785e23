namespace ScanShare.Core.Queueing;

public static class CallOrder
{
    /// <summary>The order call-next takes waiting tokens: priority lanes first when the queue has them, then first come, first served.</summary>
    public static IOrderedQueryable<Token> InCallOrder(this IQueryable<Token> tokens, bool usePriorityLanes) =>
        tokens
            .OrderBy(t => usePriorityLanes && t.Priority != PriorityLane.None ? 0 : 1)
            .ThenBy(t => t.QueuedAt)
            .ThenBy(t => t.Number);
}
