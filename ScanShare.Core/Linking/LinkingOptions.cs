using System.ComponentModel.DataAnnotations;

namespace ScanShare.Core.Linking;

/// <summary>When a visit counts as one, for linking it to the patient's ABHA.</summary>
public enum LinkVisitOn
{
    /// <summary>When the clerk saves the registration (UHID and department).</summary>
    Registration,

    /// <summary>When the registered token is completed.</summary>
    Completion,
}

/// <summary>Linking visits to the patient's ABHA (section <c>Abdm:Linking</c>).</summary>
public sealed class LinkingOptions
{
    public const string Section = "Abdm:Linking";

    /// <summary>Off, no link token is requested and no visit is linked or SMS sent.</summary>
    public bool Enabled { get; set; } = true;

    public LinkVisitOn LinkVisitOn { get; set; } = LinkVisitOn.Registration;

    /// <summary>The health information type of an OPD visit, as sent in the link and the notification.</summary>
    [Required, RegularExpression("^[A-Za-z]{3,40}$")]
    public string HiType { get; set; } = "OPConsultation";

    /// <summary>The wait after the first ABDM-1024 (service down); it doubles with each one after, up to <see cref="MaxRetryAfter"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ServiceDownRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A request the gateway accepted but never answered is taken as lost after this, and asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnansweredAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often waiting links are looked at for a retry that has fallen due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RetrySweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a visit's link is sent without an answer before it is shown as failed.</summary>
    [Range(1, 20)]
    public int MaxLinkAttempts { get; set; } = 3;
}
