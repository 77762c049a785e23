using System.Text.RegularExpressions;

namespace ScanShare.Core.Patients;

/// <summary>The checks a registration must pass, keyed by field, worded for the clerk.</summary>
public static partial class RegistrationRules
{
    public static IReadOnlyDictionary<string, string> Check(RegistrationDetails details, int currentYear)
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(details.Name) || details.Name.Trim().Length > 200)
        {
            problems[nameof(details.Name)] = "Name is required (up to 200 characters).";
        }

        if (details.YearOfBirth is { } year && (year < currentYear - 120 || year > currentYear))
        {
            problems[nameof(details.YearOfBirth)] = $"Year of birth must be between {currentYear - 120} and {currentYear}.";
        }

        if (details.MonthOfBirth is < 1 or > 12)
        {
            problems[nameof(details.MonthOfBirth)] = "Month of birth must be 1 to 12.";
        }

        if (details.DayOfBirth is < 1 or > 31)
        {
            problems[nameof(details.DayOfBirth)] = "Day of birth must be 1 to 31.";
        }

        if (!string.IsNullOrWhiteSpace(details.Mobile) && !MobilePattern().IsMatch(details.Mobile.Trim()))
        {
            problems[nameof(details.Mobile)] = "Mobile must be a 10-digit Indian number, e.g. 9876543210.";
        }

        if (!string.IsNullOrWhiteSpace(details.Pincode) && !PincodePattern().IsMatch(details.Pincode.Trim()))
        {
            problems[nameof(details.Pincode)] = "PIN code must be 6 digits.";
        }

        if ((details.AddressLine?.Length ?? 0) > 300 || (details.District?.Length ?? 0) > 100 || (details.State?.Length ?? 0) > 100)
        {
            problems[nameof(details.AddressLine)] = "Address is too long.";
        }

        if (string.IsNullOrWhiteSpace(details.Department))
        {
            problems[nameof(details.Department)] = "Choose a department.";
        }

        return problems;
    }

    [GeneratedRegex(@"^(\+91[ -]?)?[6-9]\d{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[1-9]\d{5}$")]
    private static partial Regex PincodePattern();
}
