namespace ScanShare.Core.Patients;

/// <summary>A person who holds or held a token: from an ABHA profile share, or a walk-in without ABHA.</summary>
public sealed class Patient
{
    public long Id { get; set; }
    public int FacilityId { get; set; }

    /// <summary>14 digits formatted <c>91-1234-5678-9012</c>; null for walk-ins without ABHA.</summary>
    public string? AbhaNumber { get; set; }
    public string? AbhaAddress { get; set; }

    /// <summary>The hospital's own patient id (UHID/MRN), given at first registration and kept for every later visit.</summary>
    public string? Uhid { get; set; }

    public required string Name { get; set; }
    public Gender Gender { get; set; }
    public int? YearOfBirth { get; set; }
    public int? MonthOfBirth { get; set; }
    public int? DayOfBirth { get; set; }
    public string? Mobile { get; set; }
    public string? AddressLine { get; set; }
    public string? District { get; set; }
    public string? State { get; set; }
    public string? Pincode { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts edits by staff, so a save over someone else's newer edit is caught.</summary>
    public int Version { get; set; }
}

/// <summary>ABDM gender codes: M, F, O (other), U (undisclosed).</summary>
public enum Gender
{
    U,
    M,
    F,
    O,
}
