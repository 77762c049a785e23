using System.Text.Json.Serialization;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>
/// The simulated ABHA service under <c>/simulator/abha/api/v3</c>, speaking ABHA v3's login by OTP with its
/// refusals in ABDM's shapes. Every call needs a gateway session from the simulated gateway, a REQUEST-ID and a
/// TIMESTAMP; login ids and OTPs must come encrypted with this service's published key.
/// </summary>
public static class AbhaSimulatorApi
{
    public sealed record OtpRequest(string[]? Scope, string? LoginHint, string? LoginId, string? OtpSystem);

    public sealed record OtpData(string? TxnId, string? OtpValue);

    public sealed record AuthData(string[]? AuthMethods, OtpData? Otp);

    public sealed record VerifyRequest(string[]? Scope, AuthData? AuthData);

    public sealed record ChooseRequest([property: JsonPropertyName("ABHANumber")] string? AbhaNumber, string? TxnId);

    public static IEndpointRouteBuilder MapAbhaSimulatorApi(this IEndpointRouteBuilder endpoints)
    {
        var abha = endpoints.MapGroup("/simulator/abha/api/v3").DisableAntiforgery().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) => await AbhaSimulatorRules.RefuseAsync(context.HttpContext) ?? await next(context));
        abha.MapGet("/profile/public/certificate", (AbhaSimulatorKeys keys) =>
            TypedResults.Ok(new { publicKey = keys.PublicKey, encryptionAlgorithm = AbhaSimulatorKeys.Algorithm }));
        abha.MapPost("/profile/login/request/otp", (OtpRequest body, AbhaSimulatorKeys k, SimulatedAbhaDirectory d, SimulatedOtps o) => RequestOtp(body, addressLogin: false, k, d, o));
        abha.MapPost("/phr/web/login/abha/request/otp", (OtpRequest body, AbhaSimulatorKeys k, SimulatedAbhaDirectory d, SimulatedOtps o) => RequestOtp(body, addressLogin: true, k, d, o));
        abha.MapPost("/profile/login/verify", (VerifyRequest body, AbhaSimulatorKeys k, SimulatedOtps o) => Verify(body, addressLogin: false, k, o));
        abha.MapPost("/phr/web/login/abha/verify", (VerifyRequest body, AbhaSimulatorKeys k, SimulatedOtps o) => Verify(body, addressLogin: true, k, o));
        abha.MapPost("/profile/login/verify/user", ChooseAccount);
        abha.MapGet("/profile/account", (HttpRequest r, SimulatedOtps o, SimulatedAbhaDirectory d) => Profile(r, o, d, AbhaSimulatorResponses.Account));
        abha.MapGet("/phr/web/login/profile/abha-profile", (HttpRequest r, SimulatedOtps o, SimulatedAbhaDirectory d) => Profile(r, o, d, AbhaSimulatorResponses.PhrProfile));
        return endpoints;
    }

    private static IResult RequestOtp(OtpRequest body, bool addressLogin, AbhaSimulatorKeys keys, SimulatedAbhaDirectory directory, SimulatedOtps otps)
    {
        var (scope, otpSystem) = (addressLogin, body.LoginHint) switch
        {
            (true, "abha-address") => ("abha-address-login mobile-verify", "abdm"),
            (false, "abha-number" or "mobile") => ("abha-login mobile-verify", "abdm"),
            (false, "aadhaar") => ("abha-login aadhaar-verify", "aadhaar"),
            _ => (null, null),
        };
        if (scope is null)
        {
            return AbhaSimulatorResponses.Fields(("loginHint", "Invalid Login Hint"));
        }

        if (string.Join(' ', body.Scope ?? []) != scope)
        {
            return AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1107", "Invalid combinations of scopes");
        }

        if (body.OtpSystem != otpSystem)
        {
            return AbhaSimulatorResponses.Fields(("otpSystem", "Invalid OTP System"));
        }

        var loginId = keys.Decrypt(body.LoginId);
        if (loginId is null)
        {
            return AbhaSimulatorResponses.Fields(("loginId", "Invalid LoginId"));
        }

        var accounts = directory.Find(body.LoginHint!, loginId);
        if (accounts.Count == 0)
        {
            return body.LoginHint switch
            {
                "mobile" => AbhaSimulatorResponses.Fields(("loginId", "Invalid Mobile Number")),
                "aadhaar" => AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1204", "UIDAI Error code : 998 : Invalid Aadhaar Number."),
                "abha-address" => AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1132", "Kindly enter valid linked ABHA Address"),
                _ => AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1013", "Invalid ABHA Number"),
            };
        }

        var to = body.LoginHint == "aadhaar" ? "the mobile linked with Aadhaar" : $"mobile number ending with {accounts[0].MaskedMobile}";
        var sent = otps.Send(body.LoginHint!, accounts, to);
        return TypedResults.Ok(new { txnId = sent.TxnId, message = $"OTP is sent to {to}" });
    }

    private static IResult Verify(VerifyRequest body, bool addressLogin, AbhaSimulatorKeys keys, SimulatedOtps otps)
    {
        var txnId = body.AuthData?.Otp?.TxnId;
        var (result, accounts, loginHint) = otps.Verify(txnId, keys.Decrypt(body.AuthData?.Otp?.OtpValue));
        return result switch
        {
            SimulatedOtps.Check.UnknownTransaction => AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1017", "Invalid Transaction Id"),
            SimulatedOtps.Check.TooManyTries => AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1100",
                "You have requested multiple OTPs Or Exceeded maximum number of attempts for OTP match in this transaction. Please try again in 30 minutes."),
            SimulatedOtps.Check.WrongOtp => TypedResults.Ok(new
            {
                txnId,
                authResult = "failed",
                message = "Entered OTP is incorrect. Kindly re-enter valid OTP.",
                accounts = Array.Empty<object>(),
            }),
            _ when addressLogin => AbhaSimulatorResponses.PhrVerified(accounts[0], otps.AccountToken(accounts[0].AbhaNumber)),
            // A mobile may hold several accounts: its token only lets the caller choose one. Any other login names one account.
            _ => AbhaSimulatorResponses.Verified(txnId!, accounts,
                loginHint == "mobile" ? otps.ChooserToken(txnId!) : otps.AccountToken(accounts[0].AbhaNumber)),
        };
    }

    private static IResult ChooseAccount(HttpRequest request, ChooseRequest body, SimulatedOtps otps)
    {
        var accounts = otps.AccountsFor(AbhaSimulatorRules.UserToken(request, "T-token"), body.TxnId);
        if (accounts.Count == 0)
        {
            return AbhaSimulatorResponses.Error(StatusCodes.Status401Unauthorized, "ABDM-1127", "Invalid T-Token");
        }

        var chosen = accounts.FirstOrDefault(a => a.AbhaNumber == ScanShare.Core.Abha.AbhaIds.Number(body.AbhaNumber));
        return chosen is null
            ? AbhaSimulatorResponses.Error(StatusCodes.Status400BadRequest, "ABDM-1013", "Invalid ABHA Number")
            : TypedResults.Ok(new { token = otps.AccountToken(chosen.AbhaNumber), expiresIn = 1800, refreshToken = Guid.NewGuid().ToString(), refreshExpiresIn = 1296000 });
    }

    private static IResult Profile(HttpRequest request, SimulatedOtps otps, SimulatedAbhaDirectory directory, Func<SimulatedAbhaAccount, object> shape) =>
        directory.ByNumber(otps.AbhaNumberFor(AbhaSimulatorRules.UserToken(request, "X-token"))) is { } account
            ? TypedResults.Ok(shape(account))
            : AbhaSimulatorResponses.Error(StatusCodes.Status401Unauthorized, "ABDM-1158", "Invalid X-Token");
}
