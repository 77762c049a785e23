using System.Globalization;
using System.Text.Json;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Abdm;

/// <summary>The optional profile fields of a share, in whatever JSON type they came, before the rules.</summary>
/// <param name="Mobile">v3's phoneNumber; without it, the first identifier of type MOBILE is the mobile.</param>
public sealed record SharedFields(
    JsonElement? Gender,
    JsonElement? YearOfBirth,
    JsonElement? MonthOfBirth,
    JsonElement? DayOfBirth,
    JsonElement? Mobile,
    JsonElement? Identifiers,
    JsonElement? Address);

/// <summary>
/// Reads a share's optional profile fields, never refusing one: text and numbers are each taken where the other is
/// expected (a PIN code or a mobile as a number, a year as "1979"), anything else (an object for a mobile, true for a
/// year) counts as absent and is flagged; then every value goes through <see cref="DemographicRules"/>.
/// </summary>
public static class SharedDemographics
{
    public static PatientDemographics Read(string name, SharedFields fields, int currentYear)
    {
        var builder = new DemographicsBuilder(currentYear);
        var address = Address(fields.Address, builder);
        return builder
            .Gender(Text(fields.Gender, DemographicField.Gender, builder))
            .BirthDate(
                Number(fields.YearOfBirth, DemographicField.YearOfBirth, builder),
                Number(fields.MonthOfBirth, DemographicField.MonthOfBirth, builder),
                Number(fields.DayOfBirth, DemographicField.DayOfBirth, builder))
            .Mobile(Text(IsAbsent(fields.Mobile) ? MobileIdentifier(fields.Identifiers, builder) : fields.Mobile, DemographicField.Mobile, builder))
            .Address(
                Text(address?.Line, DemographicField.AddressLine, builder),
                Text(address?.District, DemographicField.District, builder),
                Text(address?.State, DemographicField.State, builder))
            .Pincode(Text(address?.Pincode, DemographicField.Pincode, builder))
            .Build(name);
    }

    private static bool IsAbsent(JsonElement? value) => value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined };

    private static JsonElement? MobileIdentifier(JsonElement? identifiers, DemographicsBuilder builder)
    {
        if (identifiers is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return Unreadable<JsonElement?>(list, DemographicField.Mobile, builder);
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.Deserialize<LegacyIdentifier>(JsonSerializerOptions.Web) is { Type: { ValueKind: JsonValueKind.String } type } identifier
                && string.Equals(type.GetString(), "MOBILE", StringComparison.OrdinalIgnoreCase))
            {
                return identifier.Value;
            }
        }

        return null;
    }

    /// <summary>An address object, or a single text taken as its line.</summary>
    private static ShareAddress? Address(JsonElement? value, DemographicsBuilder builder) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Object } address => address.Deserialize<ShareAddress>(JsonSerializerOptions.Web),
        { ValueKind: JsonValueKind.String } line => new ShareAddress(line, null, null, null),
        { } other => Unreadable<ShareAddress>(other, DemographicField.AddressLine, builder),
    };

    private static string? Text(JsonElement? value, DemographicField field, DemographicsBuilder builder) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        { } other => Unreadable<string>(other, field, builder),
    };

    private static int? Number(JsonElement? value, DemographicField field, DemographicsBuilder builder)
    {
        if (IsAbsent(value))
        {
            return null;
        }

        var element = value!.Value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number)
            && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return Unreadable<int?>(element, field, builder);
        }

        var text = element.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        builder.Flag(field, text);
        return null;
    }

    private static T? Unreadable<T>(JsonElement value, DemographicField field, DemographicsBuilder builder)
    {
        builder.Flag(field, value.GetRawText());
        return default;
    }
}
