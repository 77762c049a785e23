using System.Text.Json;

namespace ScanShare.Core.Abdm;

// The bodies the gateway posts, one set per protocol generation. Only what we use is typed; unknown fields are
// ignored and coordinates are kept loose because gateways send them as strings or numbers.

public sealed record V3ShareBody(string? Intent, V3MetaData? MetaData, V3Profile? Profile);

public sealed record V3MetaData(string? HipId, string? Context, string? HprId, JsonElement? Latitude, JsonElement? Longitude);

public sealed record V3Profile(V3Patient? Patient);

public sealed record V3Patient(
    string? AbhaNumber,
    string? AbhaAddress,
    string? Name,
    string? Gender,
    int? DayOfBirth,
    int? MonthOfBirth,
    int? YearOfBirth,
    string? PhoneNumber,
    ShareAddress? Address);

public sealed record ShareAddress(string? Line, string? District, string? State, string? Pincode);

public sealed record LegacyShareBody(string? RequestId, string? Timestamp, LegacyIntent? Intent, LegacyProfile? Profile);

public sealed record LegacyIntent(string? Type);

public sealed record LegacyProfile(string? HipCode, LegacyPatient? Patient);

public sealed record LegacyPatient(
    string? HealthId,
    string? HealthIdNumber,
    string? Name,
    string? Gender,
    int? YearOfBirth,
    int? DayOfBirth,
    int? MonthOfBirth,
    ShareAddress? Address,
    List<LegacyIdentifier?>? Identifiers);

public sealed record LegacyIdentifier(string? Type, string? Value);
