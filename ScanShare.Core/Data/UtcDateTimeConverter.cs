using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ScanShare.Core.Data;

/// <summary>
/// Every instant is stored as UTC to the microsecond, and read back as UTC: SQLite keeps no DateTimeKind, and
/// PostgreSQL keeps no finer than a microsecond, so a value reads back the same as it was written on either.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToMicroseconds(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    private static DateTime ToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
}
