namespace ScanShare.Core.Abdm;

/// <summary>What a message to the gateway is for; the supervisor's problem list names it.</summary>
public enum GatewayFlow
{
    /// <summary>The answer to a profile share: the token number, or why there is none.</summary>
    OnShare,

    /// <summary>A request for a link token, the gateway's permission to link a patient's visits to their ABHA.</summary>
    LinkToken,

    /// <summary>A visit linked to the patient's ABHA as a care context.</summary>
    LinkCareContext,

    /// <summary>The patient's app told of a linked visit.</summary>
    NotifyCareContext,

    /// <summary>An SMS to a patient without ABHA, with a link to create one and find their records.</summary>
    SmsLink,
}

/// <summary>
/// A call to the ABDM gateway waiting to be delivered, of any flow. It is written in the same transaction as what it
/// reports (a share's token, a visit), so a crash can delay a call but never lose it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public GatewayFlow Flow { get; set; }
    public int FacilityId { get; set; }

    /// <summary>The facility's HIP id, sent as <c>X-HIP-ID</c>.</summary>
    public required string HipId { get; set; }

    /// <summary>Path below the gateway's base URL, e.g. <c>patient-share/v3/on-share</c>.</summary>
    public required string Path { get; set; }

    /// <summary>Our REQUEST-ID for this message, the same on every attempt so the gateway can discard repeats.</summary>
    public Guid RequestId { get; set; }
    public required string Body { get; set; }

    /// <summary>Sent as <c>X-LINK-TOKEN</c> (linking a care context needs it); cleared once the message is delivered.</summary>
    public string? LinkToken { get; set; }

    /// <summary>The share this message answers, if any.</summary>
    public long? ShareRecordId { get; set; }

    /// <summary>Set when the message is written with its share record, so both go in with one <c>SaveChanges</c>.</summary>
    public ShareRecord? ShareRecord { get; set; }

    /// <summary>The token this message concerns, if any.</summary>
    public long? TokenId { get; set; }

    /// <summary>The patient this message concerns, if any.</summary>
    public long? PatientId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? GaveUpAt { get; set; }
    public string? LastError { get; set; }
}
