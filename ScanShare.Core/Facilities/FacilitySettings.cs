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
}

public sealed class CounterSettings
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The code of the queue this counter serves.</summary>
    public string Queue { get; set; } = "";
}
