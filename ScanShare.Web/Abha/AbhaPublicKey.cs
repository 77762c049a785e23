using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ScanShare.Web.Abha;

/// <summary>
/// The ABHA service's public key from <c>profile/public/certificate</c>, kept for <see cref="AbhaServiceOptions.PublicKeyLifetime"/>;
/// login ids and OTPs go to the service encrypted with it (RSA/ECB/OAEPWithSHA-1AndMGF1Padding, base64).
/// </summary>
public sealed class AbhaPublicKey(AbhaServiceCaller caller, IOptions<AbhaServiceOptions> options, TimeProvider clock) : IDisposable
{
    public const string Path = "profile/public/certificate";

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private (RSA Key, DateTimeOffset FetchedAt)? _current;

    public async Task<string> EncryptAsync(string plain, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        return Convert.ToBase64String(key.Encrypt(Encoding.UTF8.GetBytes(plain), RSAEncryptionPadding.OaepSHA1));
    }

    private async Task<RSA> KeyAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetUtcNow() - current.FetchedAt < options.Value.PublicKeyLifetime)
        {
            return current.Key;
        }

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            if (_current is not { } cached || clock.GetUtcNow() - cached.FetchedAt >= options.Value.PublicKeyLifetime)
            {
                var fresh = Import(await caller.SendForTextAsync(HttpMethod.Get, Path, null, null, cancellationToken));
                _current?.Key.Dispose();
                _current = (fresh, clock.GetUtcNow());
            }

            return _current.Value.Key;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>The key as the service publishes it: JSON with <c>publicKey</c>, or the bare base64 or PEM text.</summary>
    public static RSA Import(string answer)
    {
        var text = answer.Trim();
        if (text.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(text);
            text = document.RootElement.TryGetProperty("publicKey", out var key) ? key.GetString() ?? "" : "";
        }

        var base64 = string.Concat(text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));
        var rsa = RSA.Create();
        try
        {
            var der = Convert.FromBase64String(base64);
            if (text.Contains("CERTIFICATE", StringComparison.Ordinal))
            {
                using var certificate = X509CertificateLoader.LoadCertificate(der);
                rsa.ImportParameters(certificate.GetRSAPublicKey()!.ExportParameters(false));
            }
            else
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }

            return rsa;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            rsa.Dispose();
            throw new AbhaServiceException(AbhaServiceError.Unavailable, "The ABHA service's public key could not be read.");
        }
    }

    public void Dispose()
    {
        _current?.Key.Dispose();
        _fetch.Dispose();
    }
}
