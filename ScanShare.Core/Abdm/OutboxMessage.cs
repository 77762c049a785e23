namespace ScanShare.Core.Abdm;

/// <summary>
/// An on-share callback waiting to be delivered. It is written in the same transaction as the token, so a crash
/// can delay a callback but never lose it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public int FacilityId { get; set; }
    public long ShareRecordId { get; set; }

    /// <summary>Set when the message is written with its share record, so both go in with one <c>SaveChanges</c>.</summary>
    public ShareRecord? ShareRecord { get; set; }
    public ShareProtocol Protocol { get; set; }

    /// <summary>Path below the gateway's base URL, e.g. <c>patient-share/v3/on-share</c>.</summary>
    public required string Path { get; set; }

    /// <summary>Our REQUEST-ID for the callback, the same on every attempt so the gateway can discard repeats.</summary>
    public Guid CallbackRequestId { get; set; }
    public required string HipId { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? GaveUpAt { get; set; }
    public string? LastError { get; set; }
}
