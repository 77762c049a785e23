using System.Text.Json;

namespace ScanShare.Web.Abha;

/// <summary>An OTP the ABHA service sent, and the transaction to verify it in.</summary>
public sealed record AbhaOtpSent(AbhaLoginHint Hint, string TxnId, string Message);

/// <summary>One ABHA account that a verified login holds (a family's mobile often holds several).</summary>
public sealed record AbhaAccountChoice(string AbhaNumber, string? AbhaAddress, string? Name, string? Gender, string? DateOfBirth);

/// <summary>A verified OTP: the token for the next step and the accounts found.</summary>
/// <param name="Token">For a mobile, the token to choose an account with (<c>T-token</c>); otherwise the account's own (<c>X-token</c>).</param>
public sealed record AbhaOtpVerified(AbhaOtpSent Otp, string Token, IReadOnlyList<AbhaAccountChoice> Accounts)
{
    public bool ChoosesAccount => Otp.Hint == AbhaLoginHint.Mobile;
}

/// <summary>
/// ABHA v3 login by OTP, as the desk uses it to verify a patient: request an OTP for an ABHA number, mobile or
/// Aadhaar (<c>profile/login/…</c>) or an ABHA address (<c>phr/web/login/abha/…</c>), verify it, choose among a
/// mobile's accounts, and read the account's profile. Login ids and OTPs travel encrypted with the service's key.
/// </summary>
public sealed class AbhaOtpLogin(AbhaServiceCaller caller, AbhaPublicKey publicKey)
{
    public async Task<AbhaOtpSent> RequestOtpAsync(AbhaLoginHint hint, string loginId, CancellationToken cancellationToken = default)
    {
        var normalized = AbhaLoginIds.Normalize(hint, loginId)
            ?? throw new AbhaServiceException(AbhaServiceError.UnknownLoginId, $"That is not a valid {AbhaLoginIds.Describe(hint)}.");
        var (path, scope, loginHint, otpSystem) = hint switch
        {
            AbhaLoginHint.AbhaNumber => ("profile/login/request/otp", new[] { "abha-login", "mobile-verify" }, "abha-number", "abdm"),
            AbhaLoginHint.Mobile => ("profile/login/request/otp", ["abha-login", "mobile-verify"], "mobile", "abdm"),
            AbhaLoginHint.Aadhaar => ("profile/login/request/otp", ["abha-login", "aadhaar-verify"], "aadhaar", "aadhaar"),
            _ => ("phr/web/login/abha/request/otp", ["abha-address-login", "mobile-verify"], "abha-address", "abdm"),
        };
        var body = new { scope, loginHint, loginId = await publicKey.EncryptAsync(normalized, cancellationToken), otpSystem };
        var answer = await caller.SendAsync(HttpMethod.Post, path, body, null, cancellationToken);
        var txnId = Text(answer, "txnId") ?? throw new AbhaServiceException(AbhaServiceError.Unavailable, "The ABHA service sent no transaction id.");
        return new AbhaOtpSent(hint, txnId, Text(answer, "message") ?? "OTP sent.");
    }

    public async Task<AbhaOtpVerified> VerifyOtpAsync(AbhaOtpSent sent, string otp, CancellationToken cancellationToken = default)
    {
        var addressLogin = sent.Hint == AbhaLoginHint.AbhaAddress;
        var scope = sent.Hint switch
        {
            AbhaLoginHint.AbhaAddress => new[] { "abha-address-login", "mobile-verify" },
            AbhaLoginHint.Aadhaar => ["abha-login", "aadhaar-verify"],
            _ => ["abha-login", "mobile-verify"],
        };
        var body = new
        {
            scope,
            authData = new { authMethods = new[] { "otp" }, otp = new { txnId = sent.TxnId, otpValue = await publicKey.EncryptAsync(otp.Trim(), cancellationToken) } },
        };
        var answer = await caller.SendAsync(HttpMethod.Post, addressLogin ? "phr/web/login/abha/verify" : "profile/login/verify", body, null, cancellationToken);
        if (!string.Equals(Text(answer, "authResult"), "success", StringComparison.OrdinalIgnoreCase))
        {
            throw new AbhaServiceException(AbhaServiceError.WrongOtp, "The OTP is not right. Ask the patient to read it again.");
        }

        var token = addressLogin ? Text(Property(answer, "tokens"), "token") : Text(answer, "token");
        var accounts = addressLogin ? Accounts(Property(answer, "users"), "abhaNumber", "abhaAddress", "fullName") : Accounts(Property(answer, "accounts"), "ABHANumber", "preferredAbhaAddress", "name");
        return new AbhaOtpVerified(sent, token ?? throw new AbhaServiceException(AbhaServiceError.Unavailable, "The ABHA service sent no token."), accounts);
    }

    /// <summary>The account's profile: for a mobile's login, after choosing which of its accounts is the patient's.</summary>
    public async Task<JsonElement> ProfileAsync(AbhaOtpVerified verified, string? abhaNumber, CancellationToken cancellationToken = default)
    {
        var token = verified.Token;
        if (verified.ChoosesAccount)
        {
            var number = abhaNumber ?? (verified.Accounts is [var only] ? only.AbhaNumber : throw new ArgumentNullException(nameof(abhaNumber), "Choose one of the accounts."));
            var chosen = await caller.SendAsync(HttpMethod.Post, "profile/login/verify/user", new Dictionary<string, string> { ["ABHANumber"] = number, ["txnId"] = verified.Otp.TxnId },
                ("T-token", verified.Token), cancellationToken);
            token = Text(chosen, "token") ?? throw new AbhaServiceException(AbhaServiceError.Unavailable, "The ABHA service sent no token for the account.");
        }

        var path = verified.Otp.Hint == AbhaLoginHint.AbhaAddress ? "phr/web/login/profile/abha-profile" : "profile/account";
        return await caller.SendAsync(HttpMethod.Get, path, null, ("X-token", token), cancellationToken);
    }

    private static List<AbhaAccountChoice> Accounts(JsonElement list, string numberKey, string addressKey, string nameKey) =>
        list.ValueKind != JsonValueKind.Array
            ? []
            : [.. list.EnumerateArray()
                .Where(a => Text(a, numberKey) is not null || Text(a, addressKey) is not null)
                .Select(a => new AbhaAccountChoice(Text(a, numberKey) ?? "", Text(a, addressKey), Text(a, nameKey), Text(a, "gender"), Text(a, "dob")))];

    /// <summary>A property by its name, else by the same name in any case (the service is not consistent about it).</summary>
    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind != JsonValueKind.Object ? default
        : element.TryGetProperty(name, out var value) ? value
        : element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
