namespace ScanShare.Core.Queueing;

/// <summary>The last number handed out by a queue on one local day; incremented atomically in the database.</summary>
public sealed class TokenNumberSequence
{
    public int QueueId { get; set; }
    public DateOnly ServiceDate { get; set; }
    public int LastNumber { get; set; }
}
