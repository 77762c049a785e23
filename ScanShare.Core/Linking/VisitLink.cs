namespace ScanShare.Core.Linking;

public enum VisitLinkState
{
    /// <summary>Waiting for a link token: asked for, or refused for now (the reason is in <see cref="VisitLink.Problem"/>).</summary>
    AwaitingToken,

    /// <summary>The care context was sent to the gateway; its answer has not come yet.</summary>
    Linking,

    /// <summary>The gateway linked the visit to the patient's ABHA.</summary>
    Linked,

    /// <summary>The visit cannot be linked; <see cref="VisitLink.Problem"/> says why.</summary>
    Failed,
}

/// <summary>
/// One OPD visit (a registered token) as a care context in the patient's ABHA: linked once, then the patient's app
/// is notified. One row per token.
/// </summary>
public sealed class VisitLink
{
    public long Id { get; set; }
    public int FacilityId { get; set; }
    public long PatientId { get; set; }
    public long TokenId { get; set; }

    /// <summary>The facility's local date of the visit; the supervisor counts linked visits by it.</summary>
    public DateOnly ServiceDate { get; set; }

    /// <summary>Our reference of the patient in the care context: their UHID.</summary>
    public required string PatientReference { get; set; }

    /// <summary>Our reference of the visit, unique at the facility, e.g. <c>20261126-R-023</c>.</summary>
    public required string CareContextReference { get; set; }

    /// <summary>What the patient's app shows, e.g. "OPD visit 26 Nov 2026, General Medicine".</summary>
    public required string Display { get; set; }

    public required string HiType { get; set; }
    public VisitLinkState State { get; set; }

    /// <summary>Why the visit waits or failed, in words for the clerk and the supervisor.</summary>
    public string? Problem { get; set; }

    /// <summary>Our REQUEST-ID of the latest link call; the gateway's answer names it.</summary>
    public Guid? LinkRequestId { get; set; }
    public DateTime? LinkRequestedAt { get; set; }
    public int LinkAttempts { get; set; }
    public DateTime? LinkedAt { get; set; }

    /// <summary>Our REQUEST-ID of the notification to the patient's app, sent once the visit is linked.</summary>
    public Guid? NotifyRequestId { get; set; }
    public DateTime? NotifiedAt { get; set; }
    public string? NotifyProblem { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
