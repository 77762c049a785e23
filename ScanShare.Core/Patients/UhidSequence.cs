namespace ScanShare.Core.Patients;

/// <summary>The last running number used in a facility's UHIDs; incremented atomically in the database.</summary>
public sealed class UhidSequence
{
    public int FacilityId { get; set; }
    public long LastNumber { get; set; }
}
