using System.Text.RegularExpressions;

namespace ScanShare.Core.Abha;

/// <summary>The two ABHA identifiers in the form we store them: <c>91-1234-5678-9012</c> and <c>name@abdm</c>.</summary>
public static partial class AbhaIds
{
    /// <summary>14 digits with or without dashes or spaces, formatted <c>91-1234-5678-9012</c>; null for anything else.</summary>
    public static string? Number(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = Separators().Replace(value, "");
        return digits.Length == 14 && digits.All(char.IsAsciiDigit)
            ? $"{digits[..2]}-{digits[2..6]}-{digits[6..10]}-{digits[10..]}"
            : null;
    }

    /// <summary>The 14 digits without dashes, as the ABHA service takes an ABHA number as a login id.</summary>
    public static string Digits(string abhaNumber) => abhaNumber.Replace("-", "", StringComparison.Ordinal);

    /// <summary>An ABHA address like <c>sunita.devi@abdm</c> in lower case; null when it is not one.</summary>
    public static string? Address(string? value)
    {
        var handle = value?.Trim().ToLowerInvariant();
        return handle is not null && AddressPattern().IsMatch(handle) ? handle : null;
    }

    [GeneratedRegex(@"[\s-]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._]{1,63}@[a-z]{2,16}$")]
    private static partial Regex AddressPattern();
}
