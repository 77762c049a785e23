using System.Text;
using System.Text.Json;

namespace ScanShare.Core.Linking;

/// <summary>
/// When a link token expires, read from the token: it is a JWT whose <c>exp</c> the gateway sets (up to six months).
/// We cannot check its signature (the gateway keeps it to itself) and need not: only the gateway accepts it back.
/// </summary>
public static class LinkTokenExpiry
{
    /// <returns>The expiry in UTC, or null when the token is not a JWT with an <c>exp</c>.</returns>
    public static DateTime? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("exp", out var exp)
                && exp.TryGetInt64(out var seconds)
                && seconds is > 0 and < 253402300800
                    ? DateTime.UnixEpoch.AddSeconds(seconds)
                    : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - base64.Length % 4) % 4), '='));
    }
}
