using System.Text;
using System.Text.Json;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Abha;

/// <summary>What a scanned QR turned out to be: a patient's ABHA profile, or why it is not one, worded for the clerk.</summary>
public sealed record AbhaQrReading(AbhaProfile? Profile, string? Problem)
{
    public bool IsAbha => Profile is not null;
}

/// <summary>
/// Reads the QR of a printed ABHA card (<c>hidn</c>, <c>hid</c>, …) or of the ABHA app (<c>phr</c> for the address,
/// <c>hidn</c> "-" while no ABHA number is linked). Anything a scanner can type arrives here (another barcode, a
/// counter's own QR, half a scan, a few kilobytes of noise), so nothing throws: the answer is a profile or a reason.
/// The details go through <see cref="DemographicRules"/> like a share's; the QR is unsigned, so the profile is
/// unverified.
/// </summary>
public static class AbhaQrParser
{
    /// <summary>A QR code holds at most 2,953 bytes; anything longer was not read from one.</summary>
    public const int MaxBytes = 3 * 1024;

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        MaxDepth = 4,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static AbhaQrReading Read(string? scanned, int currentYear)
    {
        var text = scanned?.Trim().Trim('\uFEFF');
        if (string.IsNullOrEmpty(text))
        {
            return Refused("Nothing was scanned.");
        }

        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return Refused("The scan is longer than any QR code can hold (over 3 KB); it was not read.");
        }

        if (text.Contains("share-profile", StringComparison.OrdinalIgnoreCase))
        {
            return Refused("This is a counter's Scan and Share QR, not a patient's ABHA QR.");
        }

        if (!text.StartsWith('{'))
        {
            return Refused("This is not an ABHA card or app QR.");
        }

        try
        {
            using var document = JsonDocument.Parse(text, ReadOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Read(new QrFields(document.RootElement), currentYear)
                : Refused("This is not an ABHA card or app QR.");
        }
        catch (JsonException)
        {
            return Refused("This QR could not be read as an ABHA card or app QR (it may have been scanned only in part).");
        }
    }

    private static AbhaQrReading Read(QrFields fields, int currentYear)
    {
        var isApp = fields.Has("phr");
        var rawNumber = fields.Text("hidn");
        var rawAddress = fields.Text(isApp ? "phr" : "hid") ?? fields.Text("hid");
        var number = rawNumber is "-" ? null : AbhaIds.Number(rawNumber);
        var address = AbhaIds.Address(rawAddress);
        var notes = new List<string>();
        if (number is null && !string.IsNullOrWhiteSpace(rawNumber) && rawNumber.Trim() != "-")
        {
            notes.Add($"ABHA number '{Clip(rawNumber)}' is not 14 digits; left out.");
        }

        if (address is null && !string.IsNullOrWhiteSpace(rawAddress) && rawAddress.Trim() != "-")
        {
            notes.Add($"ABHA address '{Clip(rawAddress)}' is not like name@abdm; left out.");
        }

        if (number is null && address is null)
        {
            return Refused(fields.Has("hidn") || fields.Has("hid") || fields.Has("phr")
                ? "This ABHA QR has no readable ABHA number or ABHA address."
                : "This is not an ABHA card or app QR.");
        }

        var name = fields.Text("name");
        if (DemographicRules.NameProblem(name) is not null)
        {
            return Refused("This ABHA QR has no name (or one longer than 200 characters).");
        }

        var demographics = Demographics(fields, name!, currentYear);
        var profile = new AbhaProfile(number, address, demographics, isApp ? AbhaEvidence.AppQr : AbhaEvidence.CardQr, notes)
        {
            StateLgd = fields.Text("statelgd"),
            DistrictLgd = fields.Text("distlgd"),
        };
        return new AbhaQrReading(profile, null);
    }

    private static PatientDemographics Demographics(QrFields fields, string name, int currentYear)
    {
        var builder = new DemographicsBuilder(currentYear);
        var birth = QrBirthDate.Read(fields.Text("dob"));
        if (birth.Masked is { } masked)
        {
            builder.Flag(DemographicField.YearOfBirth, masked);
        }

        // The ABHA card writes T for a transgender person; the rules know it as O (other).
        var gender = fields.Text("gender");
        return builder
            .Gender(gender?.Trim() is "T" or "t" ? "O" : gender)
            .BirthDate(birth.Year, birth.Month, birth.Day)
            .Mobile(fields.Text("mobile"))
            .Address(fields.Text("address"), fields.Text("districtname") ?? fields.Text("distname"), fields.Text("statename"))
            .Pincode(fields.Text("pincode") ?? fields.Text("pin"))
            .Build(name);
    }

    private static AbhaQrReading Refused(string problem) => new(null, problem);

    private static string Clip(string value) => value.Length <= 40 ? value.Trim() : value[..40].Trim() + "…";

    /// <summary>
    /// The QR's keys as one spelling: <c>state name</c>, <c>state_name</c> and <c>stateName</c> are all
    /// <c>statename</c>; the first of repeated keys counts; values that are neither text nor number are absent.
    /// </summary>
    private sealed class QrFields
    {
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public QrFields(JsonElement root)
        {
            foreach (var property in root.EnumerateObject())
            {
                var key = string.Concat(property.Name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
                _values.TryAdd(key, property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                });
            }
        }

        public bool Has(string key) => _values.ContainsKey(key);

        public string? Text(string key) => _values.GetValueOrDefault(key) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }
}
