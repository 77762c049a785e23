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

    /// <summary>
    /// The name's sound key (<see cref="Matching.PhoneticName.Key"/>), stored so a returning patient can be looked up
    /// by name whatever the spelling or script; follows <see cref="Name"/> and is never set on its own.
    /// </summary>
    public string NameKey
    {
        get => Matching.PhoneticName.Key(Name);
        private set { }
    }
    public Gender Gender { get; set; }
    public int? YearOfBirth { get; set; }
    public int? MonthOfBirth { get; set; }
    public int? DayOfBirth { get; set; }
    public string? Mobile { get; set; }
    public string? AddressLine { get; set; }
    public string? District { get; set; }
    public string? State { get; set; }
    public string? Pincode { get; set; }

    /// <summary>What the latest share brought that the clerk should check; cleared when the clerk saves the details.</summary>
    public DemographicFlags DemographicFlags { get; set; } = DemographicFlags.None;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts edits by staff, so a save over someone else's newer edit is caught.</summary>
    public int Version { get; set; }

    public PatientDemographics Demographics() =>
        new(Name, Gender, YearOfBirth, MonthOfBirth, DayOfBirth, Mobile, AddressLine, District, State, Pincode) { Flags = DemographicFlags };

    public void Apply(PatientDemographics details)
    {
        (Name, Gender, YearOfBirth, MonthOfBirth, DayOfBirth) =
            (details.Name, details.Gender, details.YearOfBirth, details.MonthOfBirth, details.DayOfBirth);
        (Mobile, AddressLine, District, State, Pincode) = (details.Mobile, details.AddressLine, details.District, details.State, details.Pincode);
        DemographicFlags = details.Flags;
    }

    /// <summary>
    /// The latest share's details win, except that a share without a mobile keeps the one we have, and with it
    /// whatever it needed checking.
    /// </summary>
    public void ApplyShared(PatientDemographics shared)
    {
        if (shared.Mobile is null && Mobile is not null)
        {
            shared = shared with
            {
                Mobile = Mobile,
                Flags = shared.Flags.For(DemographicField.Mobile) is null ? shared.Flags.With(DemographicFlags.For(DemographicField.Mobile)) : shared.Flags,
            };
        }

        Apply(shared);
    }
}

/// <summary>ABDM gender codes: M, F, O (other), U (undisclosed).</summary>
public enum Gender
{
    U,
    M,
    F,
    O,
}
