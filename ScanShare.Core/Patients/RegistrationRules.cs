namespace ScanShare.Core.Patients;

/// <summary>
/// What the clerk's details must pass, keyed by field and worded for the clerk, from the same
/// <see cref="DemographicRules"/> a share goes through. Only a missing name, a date of birth that cannot be real and
/// a missing department stop a save; a share never brings the first two (its name is checked by the same rule, its
/// implausible dates are dropped), so an accepted share can always be registered as it came. Everything else the
/// rules flag is a warning next to its field.
/// </summary>
public static class RegistrationRules
{
    public static IReadOnlyDictionary<string, string> Check(RegistrationDetails details, int currentYear)
    {
        var problems = Check(details.Demographics, currentYear);
        if (string.IsNullOrWhiteSpace(details.Department))
        {
            problems[nameof(details.Department)] = "Choose a department.";
        }

        return problems;
    }

    /// <summary>What stops a patient's details being saved by a clerk, walk-ins included.</summary>
    public static Dictionary<string, string> Check(PatientDemographics details, int currentYear)
    {
        var problems = new Dictionary<string, string>();
        if (DemographicRules.NameProblem(details.Name) is not null)
        {
            problems[nameof(details.Name)] = $"Name is required (up to {DemographicRules.NameMaxLength} characters).";
        }

        var (year, month, day) = DemographicRules.BirthDate(details.YearOfBirth, details.MonthOfBirth, details.DayOfBirth, currentYear);
        if (year.NeedsChecking)
        {
            problems[nameof(details.YearOfBirth)] = $"Year of birth must be between {currentYear - DemographicRules.MaxAge} and {currentYear}.";
        }

        if (month.NeedsChecking)
        {
            problems[nameof(details.MonthOfBirth)] = "Month of birth must be 1 to 12.";
        }

        if (day.NeedsChecking)
        {
            problems[nameof(details.DayOfBirth)] = month.Value is { } m ? $"Month {m} has no day {details.DayOfBirth}." : "Day of birth must be 1 to 31.";
        }

        return problems;
    }

    /// <summary>
    /// What the clerk is asked to check, next to each field; never stops a save. While a field still holds what was
    /// loaded, the flag it came with ("Mobile needs checking: received '0522-2612345'"); once the clerk changes it,
    /// whether the new value passes its rule.
    /// </summary>
    public static IReadOnlyDictionary<DemographicField, string> Warnings(PatientDemographics entered, PatientDemographics loaded, int currentYear)
    {
        var live = (entered with { Flags = DemographicFlags.None }).Normalize(currentYear).Flags;
        var warnings = new Dictionary<DemographicField, string>();
        foreach (var field in Enum.GetValues<DemographicField>())
        {
            if (loaded.Flags.For(field) is { } flag && Same(entered.ValueOf(field), loaded.ValueOf(field)))
            {
                warnings[field] = flag.Message;
            }
            else if (live.For(field) is not null && !IsBirthDate(field))
            {
                // An impossible date the clerk typed is an error (Check), not a warning.
                warnings[field] = $"{DemographicFlag.Label(field)} needs checking: {DemographicRules.Expectation(field)}";
            }
        }

        return warnings;
    }

    /// <summary>Warnings on details the clerk enters from scratch (a walk-in).</summary>
    public static IReadOnlyDictionary<DemographicField, string> Warnings(PatientDemographics entered, int currentYear) =>
        Warnings(entered, entered with { Flags = DemographicFlags.None }, currentYear);

    private static bool IsBirthDate(DemographicField field) =>
        field is DemographicField.YearOfBirth or DemographicField.MonthOfBirth or DemographicField.DayOfBirth;

    private static bool Same(object? entered, object? loaded) =>
        Equals(entered is string e && string.IsNullOrWhiteSpace(e) ? null : entered is string t ? t.Trim() : entered, loaded);
}
