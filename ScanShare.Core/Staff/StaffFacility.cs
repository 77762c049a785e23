namespace ScanShare.Core.Staff;

/// <summary>A facility a member of staff works for. An administrator with none is global.</summary>
public sealed class StaffFacility
{
    public required string UserId { get; set; }
    public int FacilityId { get; set; }
}
