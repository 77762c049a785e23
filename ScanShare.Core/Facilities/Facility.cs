using ScanShare.Core.Linking;

namespace ScanShare.Core.Facilities;

/// <summary>A health facility registered with ABDM under its HIP id.</summary>
public sealed class Facility
{
    public int Id { get; set; }
    public required string HipId { get; set; }
    public required string Name { get; set; }
    public required string TimeZoneId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>How new hospital patient ids (UHID) are written, e.g. <c>DH{yy}{seq:6}</c>; see <see cref="Patients.UhidFormat"/>.</summary>
    public string UhidFormat { get; set; } = RegistrationSettings.DefaultUhidFormat;

    /// <summary>The departments a registration can send a patient to.</summary>
    public List<string> Departments { get; set; } = [];

    /// <summary>Whether patients without ABHA get ABDM's SMS link at each visit, or only when the clerk sends it.</summary>
    public AbhaSmsLinkMode AbhaSmsLink { get; set; } = AbhaSmsLinkMode.OnClick;
}
