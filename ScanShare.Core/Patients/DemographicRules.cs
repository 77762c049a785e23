using System.Text.RegularExpressions;

namespace ScanShare.Core.Patients;

/// <summary>A value after its rule: normalized when its meaning was plain, else as received and needing a check.</summary>
public readonly record struct Checked<T>(T Value, bool NeedsChecking);

/// <summary>
/// One rule per fact about a patient, used wherever a patient's details come in: a share from the gateway, the
/// registration dialog, a walk-in. Only the name can refuse; everything else is normalized or kept and flagged.
/// </summary>
public static partial class DemographicRules
{
    public const int NameMaxLength = 200;
    public const int MobileMaxLength = 20;
    public const int AddressLineMaxLength = 300;
    public const int DistrictMaxLength = 100;
    public const int StateMaxLength = 100;
    public const int PincodeMaxLength = 10;

    /// <summary>The oldest age taken as a real birth year.</summary>
    public const int MaxAge = 120;

    /// <summary>Why a name cannot identify the patient, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "is required."
        : name.Trim().Length > NameMaxLength ? $"is longer than {NameMaxLength} characters."
        : null;

    /// <summary>
    /// An Indian mobile is 10 digits starting 6–9, once spaces and dashes and a leading 0, +91 or 91 are taken off.
    /// Anything else (a landline, a short number) is kept as received.
    /// </summary>
    public static Checked<string?> Mobile(string? received)
    {
        if (string.IsNullOrWhiteSpace(received))
        {
            return new(null, false);
        }

        var compact = Separators().Replace(received, "");
        compact = compact switch
        {
            { Length: 13 } when compact.StartsWith("+91", StringComparison.Ordinal) => compact[3..],
            { Length: 12 } when compact.StartsWith("91", StringComparison.Ordinal) => compact[2..],
            { Length: 11 } when compact.StartsWith('0') => compact[1..],
            _ => compact,
        };
        return MobilePattern().IsMatch(compact) ? new(compact, false) : new(Fit(received.Trim(), MobileMaxLength), true);
    }

    /// <summary>A PIN code is 6 digits, the first not 0, once spaces and dashes are taken off; anything else is kept as received.</summary>
    public static Checked<string?> Pincode(string? received)
    {
        if (string.IsNullOrWhiteSpace(received))
        {
            return new(null, false);
        }

        var compact = Separators().Replace(received, "");
        return PincodePattern().IsMatch(compact) ? new(compact, false) : new(Fit(received.Trim(), PincodeMaxLength), true);
    }

    /// <summary>M, F, O, U in any case, or the words for them; anything else, or nothing, is U (unknown).</summary>
    public static Checked<Gender> Gender(string? received) =>
        received?.Trim().ToLowerInvariant() switch
        {
            "m" or "male" => new(Patients.Gender.M, false),
            "f" or "female" => new(Patients.Gender.F, false),
            "o" or "other" or "transgender" => new(Patients.Gender.O, false),
            "u" or "unknown" or "undisclosed" => new(Patients.Gender.U, false),
            _ => new(Patients.Gender.U, true),
        };

    /// <summary>
    /// The plausible parts of a date of birth: a year in the last <see cref="MaxAge"/> years, a month 1–12, a day
    /// that month (or any month) has. 0 means unknown and is not a problem; an implausible part is dropped.
    /// </summary>
    public static (Checked<int?> Year, Checked<int?> Month, Checked<int?> Day) BirthDate(int? year, int? month, int? day, int currentYear)
    {
        var y = Part(year, v => v >= currentYear - MaxAge && v <= currentYear);
        var m = Part(month, v => v is >= 1 and <= 12);
        var daysInMonth = m.Value is { } knownMonth ? DateTime.DaysInMonth(y.Value ?? 2000, knownMonth) : 31;
        var d = Part(day, v => v >= 1 && v <= daysInMonth);
        return (y, m, d);

        static Checked<int?> Part(int? value, Func<int, bool> plausible) =>
            value is null or 0 ? new(null, false) : plausible(value.Value) ? new(value, false) : new(null, true);
    }

    /// <summary>Free text (address line, district, state): trimmed; cut to its length and flagged when longer.</summary>
    public static Checked<string?> Text(string? received, int maxLength) =>
        string.IsNullOrWhiteSpace(received) ? new(null, false)
        : received.Trim() is var trimmed && trimmed.Length > maxLength ? new(trimmed[..maxLength], true)
        : new(trimmed, false);

    /// <summary>What a value of a field should look like, said to the clerk when an entered one does not.</summary>
    public static string Expectation(DemographicField field) => field switch
    {
        DemographicField.Mobile => "an Indian mobile is 10 digits starting 6–9; saved as entered",
        DemographicField.Pincode => "a PIN code is 6 digits; saved as entered",
        DemographicField.YearOfBirth or DemographicField.MonthOfBirth or DemographicField.DayOfBirth => "not a plausible date of birth",
        DemographicField.Gender => "not one of M, F, O, U",
        _ => "too long; cut to fit",
    };

    private static string Fit(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];

    [GeneratedRegex(@"[\s-]")]
    private static partial Regex Separators();

    [GeneratedRegex("^[6-9][0-9]{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex PincodePattern();
}
