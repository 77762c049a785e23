using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ScanShare.Web.Counters;

/// <summary>
/// A slip's address carries its token id sealed with the app's Data Protection keys, so nobody can walk through
/// other patients' slips by counting token ids.
/// </summary>
public sealed class SlipLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ScanShare.TokenSlip.v1");

    public string For(long tokenId) => $"/slip/{_protector.Protect(tokenId.ToString(CultureInfo.InvariantCulture))}";

    /// <returns>The token id sealed in the key, or null for a key this app did not make.</returns>
    public long? TokenOf(string key)
    {
        try
        {
            return long.TryParse(_protector.Unprotect(key), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
