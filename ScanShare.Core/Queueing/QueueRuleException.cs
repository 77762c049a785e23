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

    /// <summary>Someone else saved the same record since it was read.</summary>
    Conflict,

    /// <summary>The input breaks a rule of the facility (e.g. an unknown department).</summary>
    InvalidInput,
}

/// <summary>A queue operation that the rules forbid; nothing was written.</summary>
public sealed class QueueRuleException(QueueError error, string message) : Exception(message)
{
    public QueueError Error { get; } = error;
}
