using ScanShare.Core.Facilities;

namespace ScanShare.Bench.Hosting;

/// <summary>A busy district hospital: three queues, 24 counters, each with its own QR code, and a TV in the waiting hall.</summary>
public static class BenchFacility
{
    public const string HipId = "IN0910000777";
    public const string DisplayCode = "opd-hall";
    public const string DisplayKey = "bench-opd-hall-display-2026";

    public static FacilitySettings Create() => new()
    {
        HipId = HipId,
        Name = "Bench District Hospital",
        TimeZone = FacilityCalendar.DefaultTimeZoneId,
        Queues =
        [
            new() { Code = "registration", Name = "OPD Registration", Prefix = "R", ValidityMinutes = 30, PriorityLanes = true },
            new() { Code = "pharmacy", Name = "Pharmacy", Prefix = "P", ValidityMinutes = 30 },
            new() { Code = "lab", Name = "Laboratory", Prefix = "L", ValidityMinutes = 30 },
        ],
        Counters =
        [
            .. Counters("OPD-REG", "Registration Counter", "registration", 12),
            .. Counters("PHARMACY", "Pharmacy Counter", "pharmacy", 6),
            .. Counters("LAB", "Lab Counter", "lab", 6),
        ],
        Displays = [new() { Code = DisplayCode, Name = "OPD waiting hall", Key = DisplayKey, Languages = ["en"] }],
    };

    public static IReadOnlyList<string> CounterCodes { get; } = [.. Create().Counters.Select(c => c.Code)];

    private static IEnumerable<CounterSettings> Counters(string code, string name, string queue, int count) =>
        Enumerable.Range(1, count).Select(i => new CounterSettings { Code = $"{code}-{i}", Name = $"{name} {i}", Queue = queue });
}
