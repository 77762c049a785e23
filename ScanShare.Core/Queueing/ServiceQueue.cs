using ScanShare.Core.Facilities;

namespace ScanShare.Core.Queueing;

/// <summary>A line patients wait in at one facility (registration, pharmacy, lab, …), numbered per local day.</summary>
public sealed class ServiceQueue
{
    public int Id { get; set; }
    public int FacilityId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public int ValidityMinutes { get; set; } = 30;
    public bool PriorityLanesEnabled { get; set; }
    public SkipPolicy SkipPolicy { get; set; } = SkipPolicy.Requeue;

    /// <summary>How many times a token may be skipped back into the queue before it becomes a no-show.</summary>
    public int MaxRequeues { get; set; } = 2;

    /// <summary>A scanned patient this old or older (by the year of birth in their ABHA profile) joins the senior citizens' lane; 0 turns it off.</summary>
    public int SeniorAge { get; set; } = DefaultSeniorAge;

    public const int DefaultSeniorAge = 60;

    public bool IsActive { get; set; } = true;
    public CatalogOrigin Origin { get; set; }
}

public enum SkipPolicy
{
    /// <summary>A skipped token goes to the back of the queue until it has used up its requeues.</summary>
    Requeue,

    /// <summary>A skipped token is marked as a no-show at once.</summary>
    NoShow,
}
