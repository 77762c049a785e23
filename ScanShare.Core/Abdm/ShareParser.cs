using System.Text.Json;
using System.Text.RegularExpressions;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Abdm;

/// <summary>Either a share we can act on, or every problem found, keyed by the field's JSON path or header name.</summary>
public sealed record ShareParseResult(ProfileShare? Share, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Share is not null;
}

/// <summary>
/// Turns each protocol generation's body and headers into one <see cref="ProfileShare"/>, accepting what real
/// gateways send (numbers as strings, 0 for an unknown day or month, extra fields) and naming the field of anything else.
/// </summary>
public static partial class ShareParser
{
    public const string ProfileShareIntent = "PROFILE_SHARE";

    public static ShareParseResult ParseV3(ReadOnlySpan<byte> json, string? requestIdHeader, string? hipIdHeader, int currentYear)
    {
        var errors = new ShareErrors();
        var body = Deserialize<V3ShareBody>(json, errors);
        if (body is null)
        {
            return errors.Result();
        }

        var requestId = errors.RequestId(requestIdHeader, "REQUEST-ID");
        if (!string.Equals(body.Intent, ProfileShareIntent, StringComparison.Ordinal))
        {
            errors.Add("intent", body.Intent is null ? "is required." : $"'{body.Intent}' is not supported; expected {ProfileShareIntent}.");
        }

        var hipId = errors.HipId(body.MetaData?.HipId, hipIdHeader, "metaData.hipId");
        var counter = errors.Code(body.MetaData?.Context, "metaData.context");
        var patient = body.Profile?.Patient;
        if (patient is null)
        {
            errors.Add("profile.patient", "is required.");
            return errors.Result();
        }

        const string p = "profile.patient";
        var shared = errors.Patient(
            p, patient.AbhaNumber, "abhaNumber", patient.AbhaAddress, "abhaAddress", patient.Name, patient.Gender,
            patient.YearOfBirth, patient.MonthOfBirth, patient.DayOfBirth, patient.PhoneNumber, "phoneNumber", patient.Address, currentYear);
        return errors.Result(() => new ProfileShare(ShareProtocol.V3, requestId!.Value, hipId!, counter!, shared!));
    }

    /// <summary>v1.0 and v0.5 share one body shape; v1.0 adds the intent and location.</summary>
    public static ShareParseResult ParseLegacy(ShareProtocol protocol, ReadOnlySpan<byte> json, string? hipIdHeader, int currentYear)
    {
        var errors = new ShareErrors();
        var body = Deserialize<LegacyShareBody>(json, errors);
        if (body is null)
        {
            return errors.Result();
        }

        var requestId = errors.RequestId(body.RequestId, "requestId");
        if (protocol == ShareProtocol.V1 && body.Intent?.Type is { } intent && intent != ProfileShareIntent)
        {
            errors.Add("intent.type", $"'{intent}' is not supported; expected {ProfileShareIntent}.");
        }

        var hipId = errors.HipId(null, hipIdHeader, "X-HIP-ID");
        var counter = errors.Code(body.Profile?.HipCode, "profile.hipCode");
        var patient = body.Profile?.Patient;
        if (patient is null)
        {
            errors.Add("profile.patient", "is required.");
            return errors.Result();
        }

        var mobile = patient.Identifiers?.FirstOrDefault(i => string.Equals(i?.Type, "MOBILE", StringComparison.OrdinalIgnoreCase))?.Value;
        var shared = errors.Patient(
            "profile.patient", patient.HealthIdNumber, "healthIdNumber", patient.HealthId, "healthId", patient.Name, patient.Gender,
            patient.YearOfBirth, patient.MonthOfBirth, patient.DayOfBirth, mobile, "identifiers", patient.Address, currentYear);
        return errors.Result(() => new ProfileShare(protocol, requestId!.Value, hipId!, counter!, shared!));
    }

    private static T? Deserialize<T>(ReadOnlySpan<byte> json, ShareErrors errors) where T : class
    {
        try
        {
            var body = JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
            if (body is null)
            {
                errors.Add("$", "The body must be a JSON object.");
            }

            return body;
        }
        catch (JsonException ex)
        {
            var path = ex.Path is null or "$" ? "$" : ex.Path.TrimStart('$', '.');
            errors.Add(path, ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? "has the wrong type."
                : $"Malformed JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}.");
            return null;
        }
    }

    private sealed class ShareErrors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var messages))
            {
                _errors[field] = messages = [];
            }

            messages.Add(message);
        }

        public ShareParseResult Result(Func<ProfileShare>? share = null) =>
            _errors.Count == 0 && share is not null
                ? new ShareParseResult(share(), new Dictionary<string, string[]>())
                : new ShareParseResult(null, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

        public Guid? RequestId(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "is required.");
                return null;
            }

            if (!Guid.TryParse(value, out var id))
            {
                Add(field, $"'{Truncate(value)}' is not a UUID.");
                return null;
            }

            return id;
        }

        public string? HipId(string? fromBody, string? fromHeader, string field)
        {
            if (!string.IsNullOrWhiteSpace(fromBody) && !string.IsNullOrWhiteSpace(fromHeader)
                && !string.Equals(fromBody, fromHeader, StringComparison.OrdinalIgnoreCase))
            {
                Add(field, $"'{Truncate(fromBody)}' does not match the X-HIP-ID header '{Truncate(fromHeader)}'.");
                return null;
            }

            var hipId = string.IsNullOrWhiteSpace(fromBody) ? fromHeader : fromBody;
            if (string.IsNullOrWhiteSpace(hipId))
            {
                Add(field, "is required (in the body or the X-HIP-ID header).");
                return null;
            }

            return hipId.Trim();
        }

        public string? Code(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "is required: it names the counter whose QR code was scanned.");
                return null;
            }

            if (!CounterCodePattern().IsMatch(value))
            {
                Add(field, $"'{Truncate(value)}' is not a counter code.");
                return null;
            }

            return value;
        }

        public SharedPatient? Patient(
            string path,
            string? abhaNumber,
            string abhaNumberField,
            string? abhaAddress,
            string abhaAddressField,
            string? name,
            string? gender,
            int? year,
            int? month,
            int? day,
            string? mobile,
            string mobileField,
            ShareAddress? address,
            int currentYear)
        {
            var before = _errors.Count;
            var number = NormalizeAbhaNumber(abhaNumber, $"{path}.{abhaNumberField}");
            var handle = string.IsNullOrWhiteSpace(abhaAddress) ? null : abhaAddress.Trim().ToLowerInvariant();
            if (handle is not null && !AbhaAddressPattern().IsMatch(handle))
            {
                Add($"{path}.{abhaAddressField}", $"'{Truncate(abhaAddress!)}' is not an ABHA address like name@abdm.");
            }

            if (number is null && handle is null && _errors.Count == before)
            {
                Add($"{path}.{abhaAddressField}", $"is required when {abhaNumberField} is missing.");
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                Add($"{path}.name", "is required.");
            }
            else if (name.Length > 200)
            {
                Add($"{path}.name", "is longer than 200 characters.");
            }

            Gender parsedGender = default;
            if (gender is null || !Enum.TryParse(gender, ignoreCase: false, out parsedGender) || !Enum.IsDefined(parsedGender))
            {
                Add($"{path}.gender", gender is null ? "is required (M, F, O or U)." : $"'{Truncate(gender)}' is not one of M, F, O, U.");
            }

            var (y, m, d) = BirthDate(path, year, month, day, currentYear);
            var phone = Mobile(mobile, $"{path}.{mobileField}");
            if (address?.Pincode is { Length: > 0 } pin && !PincodePattern().IsMatch(pin))
            {
                Add($"{path}.address.pincode", $"'{Truncate(pin)}' is not a 6-digit PIN code.");
            }

            if (_errors.Count > before)
            {
                return null;
            }

            return new SharedPatient(number, handle, name!.Trim(), parsedGender, y, m, d, phone,
                Clean(address?.Line, 300), Clean(address?.District, 100), Clean(address?.State, 100), Clean(address?.Pincode, 10));
        }

        private string? NormalizeAbhaNumber(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var digits = value.Replace("-", "", StringComparison.Ordinal).Trim();
            if (digits.Length != 14 || !digits.All(char.IsAsciiDigit))
            {
                Add(field, $"'{Truncate(value)}' is not a 14-digit ABHA number like 91-1234-5678-9012.");
                return null;
            }

            return $"{digits[..2]}-{digits[2..6]}-{digits[6..10]}-{digits[10..]}";
        }

        private (int? Year, int? Month, int? Day) BirthDate(string path, int? year, int? month, int? day, int currentYear)
        {
            // Gateways send 0 for an unknown day or month.
            int? y = year is null or 0 ? null : year;
            int? m = month is null or 0 ? null : month;
            int? d = day is null or 0 ? null : day;
            if (y is { } yy && (yy < 1890 || yy > currentYear))
            {
                Add($"{path}.yearOfBirth", $"{yy} is not a plausible year of birth.");
                return default;
            }

            if (m is < 1 or > 12)
            {
                Add($"{path}.monthOfBirth", $"{m} is not a month.");
                return default;
            }

            if (d is { } dd && (dd < 1 || dd > (m is { } mm ? DateTime.DaysInMonth(y ?? 2000, mm) : 31)))
            {
                Add($"{path}.dayOfBirth", $"{dd} is not a day of {(m is null ? "any month" : $"month {m}")}.");
                return default;
            }

            return (y, m, d);
        }

        private string? Mobile(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 12 && digits.StartsWith("91", StringComparison.Ordinal))
            {
                digits = digits[2..];
            }

            if (digits.Length != 10)
            {
                Add(field, $"'{Truncate(value)}' is not a 10-digit mobile number.");
                return null;
            }

            return digits;
        }

        private static string? Clean(string? value, int maxLength) =>
            string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var trimmed && trimmed.Length > maxLength ? trimmed[..maxLength] : trimmed;

        private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CounterCodePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._]{1,63}@[a-z]{2,16}$")]
    private static partial Regex AbhaAddressPattern();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex PincodePattern();
}
