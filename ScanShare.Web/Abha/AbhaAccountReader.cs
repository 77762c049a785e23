using System.Globalization;
using System.Text.Json;
using ScanShare.Core.Abha;
using ScanShare.Core.Patients;

namespace ScanShare.Web.Abha;

/// <summary>
/// Turns the ABHA service's account profile (<c>profile/account</c>, or <c>abha-profile</c> after an ABHA address
/// login) into a verified <see cref="AbhaProfile"/>, its details through the same rules as a share's.
/// </summary>
public static class AbhaAccountReader
{
    public static AbhaProfile Read(JsonElement account, int currentYear)
    {
        var fields = account.ValueKind == JsonValueKind.Object
            ? account.EnumerateObject().GroupBy(p => p.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Value)
            : [];
        string? Text(params string[] keys) => keys
            .Select(k => fields.GetValueOrDefault(k.ToLowerInvariant()))
            .Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.Array => v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).FirstOrDefault(),
                _ => null,
            })
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        var name = Text("name", "fullName") ?? string.Join(" ", new[] { Text("firstName"), Text("middleName"), Text("lastName") }.Where(p => p is not null));
        var birth = Text("dob") is { } dob ? QrBirthDate.Read(dob) : default;
        var demographics = new DemographicsBuilder(currentYear)
            .Gender(Text("gender"))
            .BirthDate(Number(Text("yearOfBirth")) ?? birth.Year, Number(Text("monthOfBirth")) ?? birth.Month, Number(Text("dayOfBirth")) ?? birth.Day)
            .Mobile(Text("mobile"))
            .Address(Text("address"), Text("districtName"), Text("stateName"))
            .Pincode(Text("pincode", "pinCode"))
            .Build(name);
        return new AbhaProfile(
            AbhaIds.Number(Text("ABHANumber", "abhaNumber", "healthIdNumber")),
            AbhaIds.Address(Text("preferredAbhaAddress", "abhaAddress", "phrAddress", "healthId")),
            demographics,
            AbhaEvidence.OtpVerified,
            [])
        {
            StateLgd = Text("stateCode"),
            DistrictLgd = Text("districtCode"),
        };
    }

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
