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
    public bool IsActive { get; set; } = true;
    public CatalogOrigin Origin { get; set; }
}
