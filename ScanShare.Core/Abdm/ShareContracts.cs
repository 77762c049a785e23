using System.Text.Json;

namespace ScanShare.Core.Abdm;

// The bodies the gateway posts, one set per protocol generation. Only what we use is read; unknown fields are ignored.
// What identifies the patient and routes the share is typed, so a wrong type there is refused. Everything else comes
// from real people's records in whatever JSON type a gateway sends, so it is kept loose and read by SharedDemographics.

public sealed record V3ShareBody(string? Intent, V3MetaData? MetaData, V3Profile? Profile);

public sealed record V3MetaData(string? HipId, string? Context);

public sealed record V3Profile(V3Patient? Patient);

public sealed record V3Patient(
    string? AbhaNumber,
    string? AbhaAddress,
    string? Name,
    JsonElement? Gender,
    JsonElement? DayOfBirth,
    JsonElement? MonthOfBirth,
    JsonElement? YearOfBirth,
    JsonElement? PhoneNumber,
    JsonElement? Address,
    JsonElement? Identifiers);

public sealed record ShareAddress(JsonElement? Line, JsonElement? District, JsonElement? State, JsonElement? Pincode);

public sealed record LegacyShareBody(string? RequestId, LegacyIntent? Intent, LegacyProfile? Profile);

public sealed record LegacyIntent(string? Type);

public sealed record LegacyProfile(string? HipCode, LegacyPatient? Patient);

public sealed record LegacyPatient(
    string? HealthId,
    string? HealthIdNumber,
    string? Name,
    JsonElement? Gender,
    JsonElement? YearOfBirth,
    JsonElement? DayOfBirth,
    JsonElement? MonthOfBirth,
    JsonElement? Address,
    JsonElement? Identifiers);

public sealed record LegacyIdentifier(JsonElement? Type, JsonElement? Value);
