namespace ScanShare.Core.Linking;

public enum LinkTokenState
{
    /// <summary>Asked for; the gateway's answer has not come yet.</summary>
    Requested,

    /// <summary>The gateway issued the token; usable until it expires.</summary>
    Issued,

    /// <summary>The gateway answered with an error; asked again after <see cref="LinkToken.RetryAfter"/>, or never when that is empty.</summary>
    Refused,

    /// <summary>The gateway accepted the request but never answered it; asked again after <see cref="LinkToken.RetryAfter"/>.</summary>
    Unanswered,
}

/// <summary>
/// One request for a link token: the gateway's permission, per patient and facility, to link their visits to their
/// ABHA. The latest row of a patient at a facility says what happens next: wait for the answer, use the token, or
/// ask again (not before <see cref="RetryAfter"/>).
/// </summary>
public sealed class LinkToken
{
    public long Id { get; set; }
    public int FacilityId { get; set; }
    public long PatientId { get; set; }

    /// <summary>The ABHA address the token was asked for; a patient who shares another one may ask again.</summary>
    public required string AbhaAddress { get; set; }

    /// <summary>Our REQUEST-ID of the generate-token call; the gateway's answer names it in <c>response.requestId</c>.</summary>
    public Guid RequestId { get; set; }

    public LinkTokenState State { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }

    /// <summary>The token, sent as <c>X-LINK-TOKEN</c> when linking; only while issued.</summary>
    public string? Token { get; set; }

    /// <summary>When the token stops being valid, read from the token itself.</summary>
    public DateTime? ExpiresAt { get; set; }

    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>A refused or unanswered request is not repeated before this; empty means never (e.g. an invalid ABHA).</summary>
    public DateTime? RetryAfter { get; set; }

    /// <summary>Refusals in a row that allow a retry; the wait after the gateway's service was down doubles with each.</summary>
    public int FailureStreak { get; set; }
}
