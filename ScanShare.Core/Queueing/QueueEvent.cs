namespace ScanShare.Core.Queueing;

public enum QueueEventKind
{
    Issued,
    Called,
    Recalled,
    Requeued,
    NoShow,
    ServingStarted,
    Completed,
    Cancelled,
    Transferred,
    Registered,
    PriorityChanged,
}

/// <summary>One state change of one token, published after it is committed.</summary>
public sealed record QueueEvent(
    QueueEventKind Kind,
    int FacilityId,
    int QueueId,
    int? CounterId,
    long TokenId,
    string Label,
    TokenState State,
    DateTime OccurredAt);
