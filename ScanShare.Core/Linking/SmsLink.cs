namespace ScanShare.Core.Linking;

public enum SmsLinkState
{
    /// <summary>Asked of the gateway; its answer has not come yet.</summary>
    Sent,

    /// <summary>The gateway sent the SMS.</summary>
    Acknowledged,

    /// <summary>The gateway could not send it; <see cref="SmsLink.Problem"/> says why. Another click sends it again.</summary>
    Errored,
}

/// <summary>
/// ABDM's SMS to a patient without ABHA: a link to create one and find this facility's records. One per visit.
/// </summary>
public sealed class SmsLink
{
    public long Id { get; set; }
    public int FacilityId { get; set; }
    public long PatientId { get; set; }
    public long TokenId { get; set; }

    /// <summary>As the gateway takes it: <c>+91-9876543210</c>.</summary>
    public required string PhoneNo { get; set; }

    /// <summary>Our REQUEST-ID of the latest notify call; the gateway's answer names it.</summary>
    public Guid RequestId { get; set; }

    public SmsLinkState State { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? Problem { get; set; }

    /// <summary>Who asked for it; empty when sent by the facility's setting.</summary>
    public string? RequestedBy { get; set; }
}
