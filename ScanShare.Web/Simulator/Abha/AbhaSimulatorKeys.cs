using System.Security.Cryptography;
using System.Text;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>
/// The simulated ABHA service's own key pair, made fresh each time the app starts: the public half is published as
/// the service's certificate, the private half opens the login ids and OTPs the desk sends encrypted with it.
/// </summary>
public sealed class AbhaSimulatorKeys : IDisposable
{
    public const string Algorithm = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private readonly RSA _rsa = RSA.Create(2048);

    /// <summary>The public key as the service publishes it: base64 of its SubjectPublicKeyInfo.</summary>
    public string PublicKey => Convert.ToBase64String(_rsa.ExportSubjectPublicKeyInfo());

    /// <returns>The plain text, or null when it was not encrypted with this key as the service requires.</returns>
    public string? Decrypt(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(_rsa.Decrypt(Convert.FromBase64String(base64), RSAEncryptionPadding.OaepSHA1));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public void Dispose() => _rsa.Dispose();
}
