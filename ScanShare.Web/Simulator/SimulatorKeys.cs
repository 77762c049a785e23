using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ScanShare.Web.Simulator;

/// <summary>The simulated gateway's signing key, made fresh each time the app starts, and the tokens it signs.</summary>
public sealed class SimulatorKeys : IDisposable
{
    public const string Issuer = "scanshare-gateway-simulator";

    private const string SessionGenerationClaim = "session_generation";
    private const string LinkAudience = "hip-linking";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly JsonWebTokenHandler _handler = new();
    private int _sessionGeneration;

    public SimulatorKeys()
    {
        KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
    }

    public string KeyId { get; }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The public half, as the gateway publishes it.</summary>
    public object Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
        return new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = SecurityAlgorithms.RsaSha256, n = jwk.N, e = jwk.E } } };
    }

    /// <summary>A token as the gateway puts on its calls to a facility.</summary>
    public string CreateGatewayToken(TimeSpan? lifetime = null, string audience = "account", string? keyId = null, DateTime? now = null) =>
        Sign(new ClaimsIdentity([new Claim("sub", "gateway"), new Claim("clientId", "gateway")]), audience, lifetime ?? TimeSpan.FromMinutes(20), keyId, now);

    /// <summary>A session token, as the gateway's sessions endpoint hands to a facility for its callbacks.</summary>
    public string CreateSessionToken(string clientId, TimeSpan lifetime) =>
        Sign(new ClaimsIdentity([
            new Claim("sub", clientId),
            new Claim("clientId", clientId),
            new Claim(SessionGenerationClaim, Volatile.Read(ref _sessionGeneration).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]), "gateway", lifetime, null, null);

    /// <summary>A link token, as the gateway issues it to a facility for one ABHA address: a JWT whose <c>exp</c> is its validity.</summary>
    public string CreateLinkToken(string abhaAddress, string hipId, TimeSpan lifetime, DateTime now) =>
        Sign(new ClaimsIdentity([new Claim("sub", abhaAddress), new Claim("abhaAddress", abhaAddress), new Claim("hipId", hipId)]),
            LinkAudience, lifetime, null, now);

    /// <summary>The ABHA address and HIP id of a link token this gateway signed, or why it is not accepted.</summary>
    public async Task<(string AbhaAddress, string HipId)?> ReadLinkTokenAsync(string token, DateTime now)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = SigningKey,
            ValidIssuer = Issuer,
            ValidAudience = LinkAudience,

            // Checked below against the app's clock, which tests may move months ahead.
            ValidateLifetime = false,
        });
        return result.IsValid
            && result.SecurityToken.ValidTo > now
            && result.Claims.TryGetValue("abhaAddress", out var address)
            && result.Claims.TryGetValue("hipId", out var hipId)
                ? (address.ToString()!, hipId.ToString()!)
                : null;
    }

    /// <summary>Every session handed out so far stops being accepted, as when the gateway revokes tokens before they expire.</summary>
    public void RevokeSessions() => Interlocked.Increment(ref _sessionGeneration);

    public async Task<bool> IsValidSessionTokenAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = SigningKey,
            ValidIssuer = Issuer,
            ValidAudience = "gateway",
            ClockSkew = TimeSpan.FromSeconds(5),
        });
        return result.IsValid
            && result.Claims.TryGetValue(SessionGenerationClaim, out var generation)
            && generation?.ToString() == Volatile.Read(ref _sessionGeneration).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Sign(ClaimsIdentity subject, string audience, TimeSpan lifetime, string? keyId, DateTime? now)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var key = keyId is null ? SigningKey : new RsaSecurityKey(_rsa) { KeyId = keyId };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = subject,
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();
}
