namespace ScanShare.Core.Patients.Matching;

/// <summary>
/// ABDM's rule for attaching an ABHA to a hospital record made without it: the mobile is the same, the gender is the
/// same, the ages are within two years, and the names sound alike. A record that holds another ABHA never qualifies.
/// </summary>
public static class ReturningPatientRule
{
    public const int AgeTolerance = 2;

    public static bool Holds(Patient record, string? abhaNumber, string? abhaAddress, PatientDemographics person) =>
        Differences(record, abhaNumber, abhaAddress, person).Count == 0;

    /// <summary>What keeps the record from being this person by the rule, worded for the clerk; empty when the rule holds.</summary>
    public static IReadOnlyList<string> Differences(Patient record, string? abhaNumber, string? abhaAddress, PatientDemographics person)
    {
        var differences = new List<string>();
        if ((record.AbhaNumber is not null && record.AbhaNumber != abhaNumber) || (record.AbhaAddress is not null && record.AbhaAddress != abhaAddress))
        {
            differences.Add("holds another ABHA");
        }

        if (UsableMobile(person) is not { } mobile || record.Mobile != mobile || record.DemographicFlags.For(DemographicField.Mobile) is not null)
        {
            differences.Add("mobile differs");
        }

        if (person.Gender == Gender.U || record.Gender != person.Gender)
        {
            differences.Add("gender differs or is not known");
        }

        if (person.YearOfBirth is not { } year || record.YearOfBirth is not { } recorded)
        {
            differences.Add("age not known");
        }
        else if (Math.Abs(year - recorded) > AgeTolerance)
        {
            differences.Add($"born {Math.Abs(year - recorded)} years apart");
        }

        if (!PhoneticName.AreClose(record.Name, person.Name))
        {
            differences.Add("name sounds different");
        }

        return differences;
    }

    /// <summary>The mobile when it is a plain Indian mobile; a landline, a masked or unchecked number finds nobody.</summary>
    public static string? UsableMobile(PatientDemographics person) =>
        person.Flags.For(DemographicField.Mobile) is null && DemographicRules.Mobile(person.Mobile) is { NeedsChecking: false, Value: { } mobile } ? mobile : null;
}
