using System.Globalization;
using System.Text.RegularExpressions;

namespace ScanShare.Core.Patients;

/// <summary>
/// Writes hospital patient ids from a facility's pattern such as <c>UH{yy}{seq:7}</c> → <c>UH260000042</c>.
/// </summary>
public static partial class UhidFormat
{
    public static string Format(string pattern, long sequence, DateOnly registeredOn) =>
        TokenPattern().Replace(pattern, match => match.Groups["name"].Value switch
        {
            "yyyy" => registeredOn.Year.ToString("0000", CultureInfo.InvariantCulture),
            "yy" => (registeredOn.Year % 100).ToString("00", CultureInfo.InvariantCulture),
            _ => sequence.ToString(CultureInfo.InvariantCulture).PadLeft(Digits(match), '0'),
        });

    /// <summary>Why the pattern cannot make unique ids, or null when it can.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 40)
        {
            return "must be 1 to 40 characters";
        }

        var tokens = TokenPattern().Matches(pattern);
        if (tokens.Count(t => t.Groups["name"].Value == "seq") != 1)
        {
            return "must contain {seq} or {seq:N} exactly once";
        }

        if (tokens.Any(t => t.Groups["name"].Value == "seq" && Digits(t) is < 1 or > 12))
        {
            return "{seq:N} takes 1 to 12 digits";
        }

        var literal = TokenPattern().Replace(pattern, "");
        return LiteralPattern().IsMatch(literal) ? null : "may only add letters, digits, '-' and '/' around {seq}, {yyyy} and {yy}";
    }

    private static int Digits(Match match) =>
        match.Groups["digits"].Success ? int.Parse(match.Groups["digits"].Value, CultureInfo.InvariantCulture) : 1;

    [GeneratedRegex(@"\{(?<name>yyyy|yy|seq)(?::(?<digits>\d{1,2}))?\}")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[A-Za-z0-9/-]*$")]
    private static partial Regex LiteralPattern();
}
