using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ScanShare.Core.Data;

/// <summary>SQLite keeps no DateTimeKind; everything we store is UTC, so say so on the way back.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
