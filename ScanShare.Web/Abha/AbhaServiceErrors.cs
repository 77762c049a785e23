using System.Net;
using System.Text.Json;

namespace ScanShare.Web.Abha;

/// <summary>
/// Reads the ABHA service's refusals in each shape it uses: <c>{"error": {"code", "message"}}</c>, a flat
/// <c>{"code", "message"}</c>, field messages such as <c>{"txnId": "Invalid Transaction Id", "timestamp"}</c>, and
/// the API manager's <c>{"code": "900901", ...}</c>. Codes are matched by their <c>ABDM-nnnn</c> prefix, since the
/// service sometimes sends them with a trailing colon.
/// </summary>
public static class AbhaServiceErrors
{
    public const string InvalidSessionCode = "900901";

    public static bool IsInvalidSession(HttpStatusCode status, string body) =>
        status == HttpStatusCode.Unauthorized && Read(body).Code is InvalidSessionCode or "900902" or null;

    public static AbhaServiceException From(HttpStatusCode status, string body)
    {
        var (code, message, fields) = Read(body);
        if ((int)status >= 500)
        {
            return new AbhaServiceException(AbhaServiceError.Unavailable, $"The ABHA service is not answering ({(int)status}). Try again in a minute.", code);
        }

        var kind = code switch
        {
            "ABDM-1017" => AbhaServiceError.ExpiredTransaction,
            "ABDM-1100" => AbhaServiceError.TooManyAttempts,
            "ABDM-1013" or "ABDM-1132" or "ABDM-1116" => AbhaServiceError.UnknownLoginId,
            "ABDM-1204" when message?.Contains("998", StringComparison.Ordinal) == true => AbhaServiceError.UnknownLoginId,
            "ABDM-1204" => AbhaServiceError.WrongOtp,
            _ when fields.ContainsKey("txnId") => AbhaServiceError.ExpiredTransaction,
            _ when fields.ContainsKey("loginId") => AbhaServiceError.UnknownLoginId,
            _ => AbhaServiceError.Refused,
        };
        var said = message ?? string.Join(" ", fields.Values);
        return new AbhaServiceException(kind, kind switch
        {
            AbhaServiceError.ExpiredTransaction => "This OTP has expired or was already used. Send a new OTP.",
            AbhaServiceError.TooManyAttempts => "Too many OTPs or wrong tries for this ABHA. Ask the patient to try again later, or check the card.",
            AbhaServiceError.UnknownLoginId => $"The ABHA service knows no ABHA by this: {said}",
            AbhaServiceError.WrongOtp => "The OTP is not right. Ask the patient to read it again.",
            _ => $"The ABHA service refused: {(said.Length == 0 ? $"{(int)status}" : said)}",
        }, code);
    }

    private static (string? Code, string? Message, Dictionary<string, string> Fields) Read(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, fields);
            }

            var root = document.RootElement;
            var error = root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("error" or "code" or "message" or "timestamp" or "description") && property.Value.ValueKind == JsonValueKind.String)
                {
                    fields[property.Name] = property.Value.GetString()!;
                }
            }

            return (Code(Text(error, "code")), Text(error, "message") ?? Text(root, "description"), fields);
        }
        catch (JsonException)
        {
            return (null, null, fields);
        }
    }

    private static string? Code(string? raw) =>
        raw is null ? null
        : raw.StartsWith("ABDM-", StringComparison.OrdinalIgnoreCase) && raw.Length >= 9 ? raw[..9].ToUpperInvariant()
        : raw.Trim().TrimEnd(':').Trim();

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
