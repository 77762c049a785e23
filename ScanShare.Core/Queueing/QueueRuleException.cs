namespace ScanShare.Core.Queueing;

public enum QueueError
{
    UnknownQueue,
    UnknownCounter,
    UnknownToken,
    InactiveCounter,
    InvalidState,
    CounterBusy,
    WrongQueue,
}

/// <summary>A queue operation that the rules forbid; nothing was written.</summary>
public sealed class QueueRuleException(QueueError error, string message) : Exception(message)
{
    public QueueError Error { get; } = error;
}
