using System.Globalization;
using System.Text.Json;

namespace ScanShare.Web.Simulator;

/// <summary>
/// What the real gateway refuses, enforced by the simulator so that our own tests fail where the gateway would:
/// the v3 headers on every call, a JSON body with a Content-Length, and on-share bodies in each generation's published
/// shape (no <c>null</c> where an object is declared, integer error codes before v3).
/// </summary>
public static class SimulatedGatewayRules
{
    /// <returns>Each problem, keyed by the header or field; empty when the call conforms.</returns>
    public static Dictionary<string, string[]> CheckCall(HttpRequest request, bool facilityCall)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Guid.TryParse(request.Headers["REQUEST-ID"].FirstOrDefault(), out _))
        {
            problems["REQUEST-ID"] = ["A REQUEST-ID header with a UUID is required on every call."];
        }

        if (!DateTimeOffset.TryParseExact(request.Headers["TIMESTAMP"].FirstOrDefault(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            problems["TIMESTAMP"] = ["A TIMESTAMP header in UTC ISO-8601, e.g. 2026-11-26T10:15:30.123Z, is required on every call."];
        }

        if (string.IsNullOrWhiteSpace(request.Headers["X-CM-ID"].FirstOrDefault()))
        {
            problems["X-CM-ID"] = ["An X-CM-ID header naming the consent manager (sbx or abdm) is required on every call."];
        }

        if (facilityCall && string.IsNullOrWhiteSpace(request.Headers["X-HIP-ID"].FirstOrDefault()))
        {
            problems["X-HIP-ID"] = ["An X-HIP-ID header naming the facility is required."];
        }

        if (request.ContentLength is null)
        {
            problems["Content-Length"] = ["The JSON body must be sent with a Content-Length, not chunked."];
        }

        if (!request.HasJsonContentType())
        {
            problems["Content-Type"] = ["The body must be application/json."];
        }

        return problems;
    }

    /// <returns>Each problem of an on-share body, keyed by its JSON path; empty when it conforms.</returns>
    public static Dictionary<string, string[]> CheckOnShare(string version, JsonElement body)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => problems[field] = [message];
        if (body.ValueKind != JsonValueKind.Object)
        {
            Add("$", "The body must be a JSON object.");
            return problems;
        }

        var legacy = version != "v3";
        var reference = legacy ? "resp" : "response";
        if (!Guid.TryParse(Text(Property(Property(body, reference), "requestId")), out _))
        {
            Add($"{reference}.requestId", "must be the REQUEST-ID of the share being answered.");
        }

        if (legacy)
        {
            if (!Guid.TryParse(Text(Property(body, "requestId")), out _))
            {
                Add("requestId", "is required (a UUID).");
            }

            if (Text(Property(body, "timestamp")) is null)
            {
                Add("timestamp", "is required.");
            }
        }

        var hasAcknowledgement = CheckObject(body, "acknowledgement", Add);
        var hasError = CheckObject(body, "error", Add);
        if (hasAcknowledgement == hasError)
        {
            Add("acknowledgement", "Send an acknowledgement on success or an error on failure, one of the two.");
        }

        if (hasError)
        {
            var code = Property(Property(body, "error"), "code");
            if (legacy ? code.ValueKind != JsonValueKind.Number : code.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                Add("error.code", legacy ? "must be an integer (e.g. 1000)." : "is required.");
            }
        }

        if (hasAcknowledgement)
        {
            CheckAcknowledgement(version, Property(body, "acknowledgement"), Add);
        }

        return problems;
    }

    private static void CheckAcknowledgement(string version, JsonElement acknowledgement, Action<string, string> add)
    {
        var status = Text(Property(acknowledgement, "status"));
        if (status is not ("SUCCESS" or "FAILURE"))
        {
            add("acknowledgement.status", "must be SUCCESS or FAILURE.");
        }

        var token = version switch
        {
            "v3" => Property(Property(acknowledgement, "profile"), "tokenNumber"),
            "v1.0" => Property(acknowledgement, "tokenNumber"),
            _ => default,
        };
        if (version != "v0.5" && Text(token) is null)
        {
            add(version == "v3" ? "acknowledgement.profile.tokenNumber" : "acknowledgement.tokenNumber", "is required.");
        }
    }

    /// <returns>Whether the property is there as an object; a <c>null</c> in its place is a problem.</returns>
    private static bool CheckObject(JsonElement body, string name, Action<string, string> add)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            add(name, $"must be an object when present (got {value.ValueKind.ToString().ToLowerInvariant()}); leave it out instead.");
            return false;
        }

        return true;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
