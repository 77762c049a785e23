using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Linking;

/// <summary>
/// The linking calls to the gateway, paths below its base URL and bodies as NHA's ABDM wrapper sends them to the v3
/// gateway.
/// </summary>
public static class LinkingMessages
{
    public const string GenerateTokenPath = "v3/token/generate-token";
    public const string CareContextPath = "hip/v3/link/carecontext";
    public const string NotifyPath = "hip/v3/link/context/notify";
    public const string SmsNotifyPath = "hip/v3/link/patient/links/sms/notify2";

    /// <summary>The patient's ABHA profile, for the gateway to check against the ABHA before it issues a token.</summary>
    public static string GenerateToken(Patient patient)
    {
        var body = new JsonObject();
        if (AbhaDigits(patient.AbhaNumber) is { } number)
        {
            body["abhaNumber"] = number;
        }

        body["abhaAddress"] = patient.AbhaAddress;
        body["name"] = patient.Name;
        body["gender"] = patient.Gender.ToString();
        body["yearOfBirth"] = patient.YearOfBirth;
        return Serialize(body);
    }

    public static string CareContext(Patient patient, string patientName, VisitLink visit)
    {
        var body = new JsonObject();
        if (AbhaDigits(patient.AbhaNumber) is { } number)
        {
            body["abhaNumber"] = number;
        }

        body["abhaAddress"] = patient.AbhaAddress;
        body["patient"] = new JsonArray(new JsonObject
        {
            ["referenceNumber"] = visit.PatientReference,
            ["display"] = patientName,
            ["careContexts"] = new JsonArray(new JsonObject
            {
                ["referenceNumber"] = visit.CareContextReference,
                ["display"] = visit.Display,
            }),
            ["hiType"] = visit.HiType,
            ["count"] = 1,
        });
        return Serialize(body);
    }

    public static string Notify(string abhaAddress, VisitLink visit, string hipId, DateTime linkedAt) => Serialize(new JsonObject
    {
        ["notification"] = new JsonObject
        {
            ["patient"] = new JsonObject { ["id"] = abhaAddress },
            ["careContext"] = new JsonObject
            {
                ["patientReference"] = visit.PatientReference,
                ["careContextReference"] = visit.CareContextReference,
            },
            ["hiTypes"] = new JsonArray(visit.HiType),
            ["date"] = linkedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["hip"] = new JsonObject { ["id"] = hipId },
        },
    });

    public static string SmsNotify(string phoneNo, string hipName, string hipId) => Serialize(new JsonObject
    {
        ["notification"] = new JsonObject
        {
            ["phoneNo"] = phoneNo,
            ["hip"] = new JsonObject { ["name"] = hipName, ["id"] = hipId },
        },
    });

    /// <summary>The 14 digits of an ABHA number, as the linking calls take it (<c>91-1234-5678-9012</c> → <c>91123456789012</c>).</summary>
    public static string? AbhaDigits(string? abhaNumber)
    {
        var digits = abhaNumber is null ? "" : string.Concat(abhaNumber.Where(char.IsAsciiDigit));
        return digits.Length == 14 ? digits : null;
    }

    /// <summary>A mobile as the SMS call takes it, <c>+91-9876543210</c>; null when it is not an Indian mobile.</summary>
    public static string? PhoneNo(string? mobile) =>
        mobile is { Length: 10 } && mobile[0] is >= '6' and <= '9' && mobile.All(char.IsAsciiDigit) ? $"+91-{mobile}" : null;

    private static string Serialize(JsonObject body) => body.ToJsonString(JsonSerializerOptions.Web);
}
