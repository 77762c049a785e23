using ScanShare.Core.Abha;
using ScanShare.Core.Patients;

namespace ScanShare.Web.Abha;

/// <summary>What the patient gives to be found by: the OTP goes to the mobile on that ABHA (or Aadhaar's).</summary>
public enum AbhaLoginHint
{
    AbhaNumber,
    AbhaAddress,
    Mobile,
    Aadhaar,
}

public static class AbhaLoginIds
{
    /// <summary>The login id as the ABHA service takes it, or null when the text is not one of its kind.</summary>
    public static string? Normalize(AbhaLoginHint hint, string? text) => hint switch
    {
        AbhaLoginHint.AbhaNumber => AbhaIds.Number(text),
        AbhaLoginHint.AbhaAddress => AbhaIds.Address(text),
        AbhaLoginHint.Mobile => DemographicRules.Mobile(text) is { NeedsChecking: false, Value: { } mobile } ? mobile : null,
        AbhaLoginHint.Aadhaar => text?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal) is { Length: 12 } digits
            && digits.All(char.IsAsciiDigit) && digits[0] is not ('0' or '1') ? digits : null,
        _ => null,
    };

    public static string Describe(AbhaLoginHint hint) => hint switch
    {
        AbhaLoginHint.AbhaNumber => "ABHA number (14 digits)",
        AbhaLoginHint.AbhaAddress => "ABHA address (name@abdm)",
        AbhaLoginHint.Mobile => "mobile (10 digits)",
        _ => "Aadhaar (12 digits)",
    };
}
