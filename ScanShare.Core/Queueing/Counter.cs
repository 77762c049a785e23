using ScanShare.Core.Facilities;

namespace ScanShare.Core.Queueing;

/// <summary>A physical desk with its own QR code; it serves exactly one queue.</summary>
public sealed class Counter
{
    public int Id { get; set; }
    public int FacilityId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int QueueId { get; set; }
    public ServiceQueue? Queue { get; set; }

    /// <summary>How the waiting hall hears this counter, per announcement language (<c>en</c>, <c>hi</c>); a language left out hears <see cref="Name"/>.</summary>
    public Dictionary<string, string> SpokenNames { get; set; } = [];

    public bool IsActive { get; set; } = true;
    public CatalogOrigin Origin { get; set; }

    public string SpokenName(string language) => SpokenNames.TryGetValue(language, out var spoken) && !string.IsNullOrWhiteSpace(spoken) ? spoken : Name;
}
