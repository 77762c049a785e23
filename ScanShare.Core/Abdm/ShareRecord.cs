namespace ScanShare.Core.Abdm;

public enum ShareStatus
{
    /// <summary>A new token was issued for the share.</summary>
    Accepted,

    /// <summary>The patient already held a valid token in that queue and got it again.</summary>
    Reused,

    /// <summary>The share named a counter the facility does not have (or has closed); the gateway is told so.</summary>
    Rejected,
}

/// <summary>One profile share received from the gateway, kept for idempotency, audit and the supervisor's view.</summary>
public sealed class ShareRecord
{
    public long Id { get; set; }

    /// <summary>The gateway's request id; a retry with the same id changes nothing.</summary>
    public Guid RequestId { get; set; }
    public ShareProtocol Protocol { get; set; }
    public int FacilityId { get; set; }
    public required string CounterCode { get; set; }
    public int? CounterId { get; set; }
    public long? PatientId { get; set; }
    public long? TokenId { get; set; }
    public ShareStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>The body as received, for audit; cleared after the retention period.</summary>
    public string? RawPayload { get; set; }
}
