namespace ScanShare.Core.Linking;

/// <summary>The gateway's error codes that change what we do next.</summary>
public static class LinkingErrorCodes
{
    /// <summary>Too many link-token requests for this ABHA: blocked for 24 hours.</summary>
    public const string Blocked = "ABDM-1027";

    /// <summary>The ABHA number or address is not valid: asking again cannot help.</summary>
    public const string InvalidAbha = "ABDM-1051";

    /// <summary>The gateway's service is down: ask again later.</summary>
    public const string ServiceDown = "ABDM-1024";

    /// <summary>The care context is linked already: a repeat of a link that went through, so a success.</summary>
    public const string AlreadyLinked = "ABDM-1056";

    /// <summary>An earlier link-token request for this ABHA is still open at the gateway.</summary>
    public const string DuplicateRequest = "ABDM-1092";

    /// <summary>Codes come as <c>ABDM-1027</c>, or as bare numbers from some gateway versions.</summary>
    public static string Normalize(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "ABDM-0000"
        : code.Trim().All(char.IsAsciiDigit) ? $"ABDM-{code.Trim()}"
        : code.Trim().ToUpperInvariant();
}
