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
/// Turns each protocol generation's body and headers into one <see cref="ProfileShare"/>. Only what identifies the
/// patient or routes the share can refuse it, naming the field; the rest of the profile is taken as real gateways send
/// it (numbers as text and text as numbers, 0 for an unknown day or month, extra fields), normalized or flagged.
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

        var fields = new SharedFields(patient.Gender, patient.YearOfBirth, patient.MonthOfBirth, patient.DayOfBirth,
            patient.PhoneNumber, patient.Identifiers, patient.Address);
        var shared = errors.Patient(
            "profile.patient", patient.AbhaNumber, "abhaNumber", patient.AbhaAddress, "abhaAddress", patient.Name, fields, currentYear);
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

        var fields = new SharedFields(patient.Gender, patient.YearOfBirth, patient.MonthOfBirth, patient.DayOfBirth,
            null, patient.Identifiers, patient.Address);
        var shared = errors.Patient(
            "profile.patient", patient.HealthIdNumber, "healthIdNumber", patient.HealthId, "healthId", patient.Name, fields, currentYear);
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

            // The request id is the idempotency key: one all-zero id from a faulty client would swallow every later share.
            if (id == Guid.Empty)
            {
                Add(field, "must not be the nil UUID.");
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

        /// <summary>
        /// Only the patient's identity can refuse a share: an ABHA number or address (at least one, well-formed) and a
        /// name. The rest is read by <see cref="SharedDemographics"/>, which normalizes or flags but never refuses.
        /// </summary>
        public SharedPatient? Patient(
            string path,
            string? abhaNumber,
            string abhaNumberField,
            string? abhaAddress,
            string abhaAddressField,
            string? name,
            SharedFields fields,
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

            if (DemographicRules.NameProblem(name) is { } problem)
            {
                Add($"{path}.name", problem);
            }

            return _errors.Count > before ? null : new SharedPatient(number, handle, SharedDemographics.Read(name!, fields, currentYear));
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

        private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CounterCodePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._]{1,63}@[a-z]{2,16}$")]
    private static partial Regex AbhaAddressPattern();
}
