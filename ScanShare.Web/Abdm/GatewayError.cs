using System.Text.Json;

namespace ScanShare.Web.Abdm;

/// <summary>
/// The error a gateway answer carries, in the shapes seen: <c>{"error": {"code", "message"}}</c> from the gateway
/// itself and <c>{"code", "message", "description"}</c> from the API manager in front of it; codes as numbers or strings.
/// </summary>
public sealed record GatewayError(string? Code, string? Message)
{
    /// <summary>The API manager's code for a session token it no longer accepts.</summary>
    public const string InvalidSessionCode = "900901";

    public bool IsInvalidSession => Code == InvalidSessionCode;

    public static GatewayError? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var error = root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            var code = Text(error, "code");
            var message = Text(error, "message") ?? Text(root, "description");
            return code is null && message is null ? null : new GatewayError(code, message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => (Code, Message) switch
    {
        (null, var message) => message!,
        (var code, null) => code,
        var (code, message) => $"{code} {message}",
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
