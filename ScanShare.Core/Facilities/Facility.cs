namespace ScanShare.Core.Facilities;

/// <summary>A health facility registered with ABDM under its HIP id.</summary>
public sealed class Facility
{
    public int Id { get; set; }
    public required string HipId { get; set; }
    public required string Name { get; set; }
    public required string TimeZoneId { get; set; }
    public DateTime CreatedAt { get; set; }
}
