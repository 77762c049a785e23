using ScanShare.Core.Patients;

namespace ScanShare.Web.Counters;

/// <summary>Where the registration's cursor starts: the first field, in the order the clerk sees them, that the rules flag; else the department.</summary>
public static class RegistrationFocus
{
    private static readonly (string Rule, string Id)[] FieldsInOrder =
    [
        (nameof(PatientDemographics.Name), "reg-name"),
        (nameof(PatientDemographics.YearOfBirth), "reg-year"),
        (nameof(PatientDemographics.MonthOfBirth), "reg-month"),
        (nameof(PatientDemographics.DayOfBirth), "reg-day"),
        (nameof(PatientDemographics.Mobile), "reg-mobile"),
        (nameof(RegistrationDetails.Department), "reg-department"),
        (nameof(PatientDemographics.AddressLine), "reg-address"),
        (nameof(PatientDemographics.Pincode), "reg-pincode"),
    ];

    /// <returns>The element id of the field.</returns>
    public static string FirstNeedingAttention(RegistrationDetails details, int currentYear)
    {
        var problems = RegistrationRules.Check(details, currentYear);
        return FieldsInOrder.FirstOrDefault(f => problems.ContainsKey(f.Rule)).Id ?? "reg-department";
    }
}
