using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScanShare.Web.Simulator;

/// <summary>
/// The bodies of the linking calls as the gateway takes them (NHA's ABDM wrapper's v3 shapes), so that our own tests
/// fail where the gateway would. Each problem is keyed by its JSON path.
/// </summary>
public static partial class SimulatedLinkingRules
{
    public static readonly IReadOnlySet<string> HiTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "OPConsultation", "Prescription", "DischargeSummary", "DiagnosticReport", "ImmunizationRecord", "HealthDocumentRecord", "WellnessRecord", "Invoice",
    };

    public static Dictionary<string, string[]> CheckGenerateToken(JsonElement body)
    {
        var problems = new Problems(body);
        problems.AbhaNumber("abhaNumber");
        problems.AbhaAddress("abhaAddress");
        problems.Text("name");
        if (problems.String("gender") is not ("M" or "F" or "O" or "U"))
        {
            problems.Add("gender", "must be M, F, O or U.");
        }

        if (Property(body, "yearOfBirth") is not { ValueKind: JsonValueKind.Number } year || !year.TryGetInt32(out var value) || value is < 1900 or > 2100)
        {
            problems.Add("yearOfBirth", "is required, a year as an integer.");
        }

        return problems.All;
    }

    public static Dictionary<string, string[]> CheckCareContext(JsonElement body)
    {
        var problems = new Problems(body);
        problems.AbhaNumber("abhaNumber");
        problems.AbhaAddress("abhaAddress");
        if (Property(body, "patient") is not { ValueKind: JsonValueKind.Array } patients || patients.GetArrayLength() == 0)
        {
            problems.Add("patient", "is required, a list of the patient's records with their care contexts.");
            return problems.All;
        }

        var index = 0;
        foreach (var patient in patients.EnumerateArray())
        {
            var at = $"patient[{index++}]";
            problems.Text($"{at}.referenceNumber", Property(patient, "referenceNumber"));
            problems.Text($"{at}.display", Property(patient, "display"));
            if (Text(Property(patient, "hiType")) is not { } hiType || !HiTypes.Contains(hiType))
            {
                problems.Add($"{at}.hiType", $"must be one of {string.Join(", ", HiTypes)}.");
            }

            var contexts = Property(patient, "careContexts");
            if (contexts.ValueKind != JsonValueKind.Array || contexts.GetArrayLength() == 0)
            {
                problems.Add($"{at}.careContexts", "is required, at least one care context.");
                continue;
            }

            var contextIndex = 0;
            foreach (var context in contexts.EnumerateArray())
            {
                problems.Text($"{at}.careContexts[{contextIndex}].referenceNumber", Property(context, "referenceNumber"));
                problems.Text($"{at}.careContexts[{contextIndex++}].display", Property(context, "display"));
            }

            if (Property(patient, "count") is not { ValueKind: JsonValueKind.Number } count || !count.TryGetInt32(out var n) || n != contexts.GetArrayLength())
            {
                problems.Add($"{at}.count", "must be the number of care contexts, as an integer.");
            }
        }

        return problems.All;
    }

    public static Dictionary<string, string[]> CheckNotify(JsonElement body, string? hipIdHeader)
    {
        var notification = Property(body, "notification");
        var problems = new Problems(body);
        problems.AbhaAddress("notification.patient.id", Property(Property(notification, "patient"), "id"));
        var careContext = Property(notification, "careContext");
        problems.Text("notification.careContext.patientReference", Property(careContext, "patientReference"));
        problems.Text("notification.careContext.careContextReference", Property(careContext, "careContextReference"));
        var hiTypes = Property(notification, "hiTypes");
        if (hiTypes.ValueKind != JsonValueKind.Array || hiTypes.GetArrayLength() == 0
            || hiTypes.EnumerateArray().Any(t => Text(t) is not { } type || !HiTypes.Contains(type)))
        {
            problems.Add("notification.hiTypes", $"is required, a list of {string.Join(", ", HiTypes)}.");
        }

        if (!DateTimeOffset.TryParseExact(Text(Property(notification, "date")), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out _))
        {
            problems.Add("notification.date", "is required, UTC ISO-8601 (e.g. 2026-11-26T10:15:30.123Z).");
        }

        problems.Hip("notification.hip.id", Property(Property(notification, "hip"), "id"), hipIdHeader);
        return problems.All;
    }

    public static Dictionary<string, string[]> CheckSmsNotify(JsonElement body, string? hipIdHeader)
    {
        var notification = Property(body, "notification");
        var problems = new Problems(body);
        if (!PhoneNo().IsMatch(Text(Property(notification, "phoneNo")) ?? ""))
        {
            problems.Add("notification.phoneNo", "is required, an Indian mobile as +91-9876543210.");
        }

        var hip = Property(notification, "hip");
        problems.Text("notification.hip.name", Property(hip, "name"));
        problems.Hip("notification.hip.id", Property(hip, "id"), hipIdHeader);
        return problems.All;
    }

    private sealed class Problems(JsonElement body)
    {
        public Dictionary<string, string[]> All { get; } = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                All["$"] = ["The body must be a JSON object."];
                return;
            }

            All[field] = [message];
        }

        public string? String(string name) => SimulatedLinkingRules.Text(Property(body, name));

        public void Text(string name, JsonElement? value = null)
        {
            if (string.IsNullOrWhiteSpace(SimulatedLinkingRules.Text(value ?? Property(body, name))))
            {
                Add(name, "is required.");
            }
        }

        /// <summary>Optional; when sent, the 14 digits without dashes.</summary>
        public void AbhaNumber(string name)
        {
            var value = Property(body, name);
            if (value.ValueKind != JsonValueKind.Undefined && !AbhaDigits().IsMatch(SimulatedLinkingRules.Text(value) ?? ""))
            {
                Add(name, "must be the 14 digits of the ABHA number, without dashes, or left out.");
            }
        }

        public void AbhaAddress(string name, JsonElement? value = null)
        {
            if (!AbhaAddressPattern().IsMatch(SimulatedLinkingRules.Text(value ?? Property(body, name)) ?? ""))
            {
                Add(name, "is required, an ABHA address such as name@sbx.");
            }
        }

        public void Hip(string name, JsonElement value, string? hipIdHeader)
        {
            if (SimulatedLinkingRules.Text(value) is not { Length: > 0 } hipId || hipId != hipIdHeader)
            {
                Add(name, "is required and must be the X-HIP-ID of the call.");
            }
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    [GeneratedRegex(@"^\d{14}$")]
    private static partial Regex AbhaDigits();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._]{1,63}@[a-z]{2,16}$")]
    private static partial Regex AbhaAddressPattern();

    [GeneratedRegex(@"^\+91-[6-9]\d{9}$")]
    private static partial Regex PhoneNo();
}
