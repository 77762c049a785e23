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
