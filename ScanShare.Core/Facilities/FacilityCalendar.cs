namespace ScanShare.Core.Facilities;

/// <summary>Turns instants into the facility's local calendar; token numbers restart at local midnight.</summary>
public static class FacilityCalendar
{
    public const string DefaultTimeZoneId = "Asia/Kolkata";

    public static DateOnly LocalDate(DateTimeOffset instant, string timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Find(timeZoneId)).DateTime);

    public static DateTime ToLocal(DateTime utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Find(timeZoneId));

    /// <summary>The UTC instants at which the given local day starts and ends.</summary>
    public static (DateTime StartUtc, DateTime EndUtc) DayBoundsUtc(DateOnly date, string timeZoneId)
    {
        var zone = Find(timeZoneId);
        var start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        return (start, end);
    }

    public static bool IsKnownTimeZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _);

    private static TimeZoneInfo Find(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
}
