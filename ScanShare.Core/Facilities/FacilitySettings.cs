using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Facilities;

/// <summary>The <c>Facilities</c> section of appsettings.json: what each facility has, as its staff describe it.</summary>
public sealed class FacilityCatalogSettings
{
    public List<FacilitySettings> Facilities { get; set; } = [];
}

public sealed class FacilitySettings
{
    public string HipId { get; set; } = "";
    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = FacilityCalendar.DefaultTimeZoneId;
    public List<QueueSettings> Queues { get; set; } = [];
    public List<CounterSettings> Counters { get; set; } = [];
    public RegistrationSettings Registration { get; set; } = new();
    public List<DisplaySettings> Displays { get; set; } = [];

    /// <summary><c>OnClick</c>: the clerk sends ABDM's SMS link to a patient without ABHA; <c>Automatic</c>: every such visit gets it.</summary>
    public AbhaSmsLinkMode AbhaSmsLink { get; set; } = AbhaSmsLinkMode.OnClick;
}

/// <summary>A waiting-hall TV: opened by URL with its key, no staff sign-in.</summary>
public sealed class DisplaySettings
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The secret in the TV's URL (<c>?key=…</c>); at least 16 characters.</summary>
    public string Key { get; set; } = "";

    /// <summary>The codes of the queues this screen shows; empty shows them all.</summary>
    public List<string> Queues { get; set; } = [];

    /// <summary>Announcement languages in order: <c>en</c>, <c>hi</c>.</summary>
    public List<string> Languages { get; set; } = [];

    public DisplayNames Names { get; set; } = DisplayNames.Masked;
}

public enum DisplayNames
{
    /// <summary>First name and last initial: <c>Sunita D.</c></summary>
    Masked,

    /// <summary>Token numbers only.</summary>
    Hidden,
}

public sealed class RegistrationSettings
{
    public const string DefaultUhidFormat = "UH{yy}{seq:7}";

    /// <summary>
    /// The UHID pattern: <c>{seq:N}</c> (required) is the facility's running number padded to N digits,
    /// <c>{yyyy}</c> and <c>{yy}</c> the year of first registration; anything else is written as is.
    /// </summary>
    public string UhidFormat { get; set; } = DefaultUhidFormat;

    /// <summary>Where registration can send a patient; empty means <see cref="DefaultDepartments"/>.</summary>
    public List<string> Departments { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultDepartments =
    [
        "General Medicine", "General Surgery", "Paediatrics", "Obstetrics & Gynaecology", "Orthopaedics",
        "ENT", "Ophthalmology", "Dermatology", "Dental", "Psychiatry",
    ];
}

public sealed class QueueSettings
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public int ValidityMinutes { get; set; } = 30;
    public bool PriorityLanes { get; set; }
    public SkipPolicy SkipPolicy { get; set; } = SkipPolicy.Requeue;
    public int MaxRequeues { get; set; } = 2;

    /// <summary>Scanned patients of this age or older are put in the senior citizens' lane; 0 turns it off.</summary>
    public int SeniorAge { get; set; } = ServiceQueue.DefaultSeniorAge;
}

public sealed class CounterSettings
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The code of the queue this counter serves.</summary>
    public string Queue { get; set; } = "";

    /// <summary>What the TV says for this counter, per language: <c>{ "en": "Registration counter 1", "hi": "पंजीकरण काउंटर 1" }</c>; default is <see cref="Name"/>.</summary>
    public Dictionary<string, string> SpokenNames { get; set; } = [];
}
