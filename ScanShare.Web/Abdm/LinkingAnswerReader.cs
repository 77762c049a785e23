using System.Text.Json;
using ScanShare.Core.Linking;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Reads the gateway's answer to one of our linking calls: the REQUEST-ID it answers (<c>response.requestId</c>), an
/// error if any, and what the answer carries (a link token, an acknowledgement's status). Lenient where the gateway is
/// loose (<c>"error": null</c>, numeric codes); strict only on the request id, without which nothing can be matched.
/// </summary>
public static class LinkingAnswerReader
{
    public static (LinkingAnswer? Answer, Dictionary<string, string[]> Errors) Read(LinkingAnswerKind kind, byte[] body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors["$"] = ["The body is not valid JSON."];
            return (null, errors);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["The body must be a JSON object."];
            return (null, errors);
        }

        if (!Guid.TryParse(Text(Property(Property(root, "response"), "requestId")), out var requestId) || requestId == Guid.Empty)
        {
            errors["response.requestId"] = ["The REQUEST-ID of the call being answered (a UUID) is required."];
        }

        var error = Property(root, "error");
        if (error.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            errors["error"] = ["When present, the error must be an object {code, message}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var answerError = error.ValueKind == JsonValueKind.Object
            ? new GatewayAnswerError(Text(Property(error, "code")), Text(Property(error, "message")))
            : null;
        var status = Text(Property(Property(root, "acknowledgement"), "status"));
        if (answerError is null && string.Equals(status, "ERRORED", StringComparison.OrdinalIgnoreCase))
        {
            answerError = new GatewayAnswerError(null, "ERRORED");
        }

        var acknowledged = string.Equals(status, "ACKNOWLEDGED", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "SUCCESS", StringComparison.OrdinalIgnoreCase);
        return (new LinkingAnswer(kind, requestId, answerError, Text(Property(root, "linkToken")), acknowledged), errors);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        _ => null,
    };
}
