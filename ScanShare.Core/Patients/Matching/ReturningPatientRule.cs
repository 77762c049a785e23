namespace ScanShare.Core.Patients.Matching;

/// <summary>
/// ABDM's rule for attaching an ABHA to a hospital record made without it: the mobile is the same, the gender is the
/// same, the ages are within two years, and the names sound alike. A record that holds another ABHA never qualifies.
/// </summary>
public static class ReturningPatientRule
{
    public const int AgeTolerance = 2;

    public static bool Holds(Patient record, string? abhaNumber, string? abhaAddress, PatientDemographics person) =>
        (record.AbhaNumber is null || record.AbhaNumber == abhaNumber)
        && (record.AbhaAddress is null || record.AbhaAddress == abhaAddress)
        && UsableMobile(person) is { } mobile && record.Mobile == mobile && record.DemographicFlags.For(DemographicField.Mobile) is null
        && person.Gender != Gender.U && record.Gender == person.Gender
        && person.YearOfBirth is { } year && record.YearOfBirth is { } recorded && Math.Abs(year - recorded) <= AgeTolerance
        && PhoneticName.AreClose(record.Name, person.Name);

    /// <summary>The mobile when it is a plain Indian mobile; a landline, a masked or unchecked number finds nobody.</summary>
    public static string? UsableMobile(PatientDemographics person) =>
        person.Flags.For(DemographicField.Mobile) is null && DemographicRules.Mobile(person.Mobile) is { NeedsChecking: false, Value: { } mobile } ? mobile : null;
}
