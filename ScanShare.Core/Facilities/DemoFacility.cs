namespace ScanShare.Core.Facilities;

/// <summary>What a newcomer sees when no facility is configured: a small district hospital with three queues.</summary>
public static class DemoFacility
{
    public const string HipId = "IN0710000123";

    /// <summary>The demo TV's key; a real facility sets its own in appsettings.json.</summary>
    public const string DisplayKey = "demo-opd-hall-2026";

    public static FacilitySettings Create() => new()
    {
        HipId = HipId,
        Name = "District Hospital Demo",
        TimeZone = FacilityCalendar.DefaultTimeZoneId,
        Queues =
        [
            new() { Code = "registration", Name = "OPD Registration", Prefix = "R", PriorityLanes = true },
            new() { Code = "pharmacy", Name = "Pharmacy", Prefix = "P" },
            new() { Code = "lab", Name = "Laboratory", Prefix = "L" },
        ],
        Counters =
        [
            new() { Code = "OPD-REG-1", Name = "Registration Counter 1", Queue = "registration", SpokenNames = new() { ["hi"] = "पंजीकरण काउंटर 1" } },
            new() { Code = "OPD-REG-2", Name = "Registration Counter 2", Queue = "registration", SpokenNames = new() { ["hi"] = "पंजीकरण काउंटर 2" } },
            new() { Code = "PHARMACY-2", Name = "Pharmacy Counter 2", Queue = "pharmacy", SpokenNames = new() { ["hi"] = "दवाखाना काउंटर 2" } },
            new() { Code = "LAB-1", Name = "Lab Counter 1", Queue = "lab", SpokenNames = new() { ["hi"] = "लैब काउंटर 1" } },
        ],
        Displays =
        [
            new() { Code = "opd-hall", Name = "OPD waiting hall", Key = DisplayKey, Queues = ["registration", "pharmacy", "lab"], Languages = ["en", "hi"] },
        ],
    };
}
