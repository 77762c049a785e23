using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScanShare.Web.Simulator;

/// <summary>The share calls the gateway makes, in each protocol generation's shape, for tests, benchmarks and the simulator page.</summary>
public static class SimulatedShares
{
    public static readonly string[] Versions = ["v3", "v1.0", "v0.5"];

    public static HttpRequestMessage Create(string version, string hipId, string counterCode, SimulatedPatient patient, Guid requestId, string gatewayToken, DateTimeOffset now)
    {
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var (path, body) = version switch
        {
            "v3" => ("api/v3/hip/patient/share", V3Body(hipId, counterCode, patient)),
            "v1.0" => ("v1.0/patients/profile/share", LegacyBody(counterCode, patient, requestId, timestamp, withIntent: true)),
            "v0.5" => ("v0.5/patients/profile/share", LegacyBody(counterCode, patient, requestId, timestamp, withIntent: false)),
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown protocol version."),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gatewayToken);
        request.Headers.Add("X-HIP-ID", hipId);
        if (version == "v3")
        {
            request.Headers.Add("REQUEST-ID", requestId.ToString());
            request.Headers.Add("TIMESTAMP", timestamp);
            request.Headers.Add("X-CM-ID", "sbx");
        }

        return request;
    }

    private static JsonObject V3Body(string hipId, string counterCode, SimulatedPatient patient) => new()
    {
        ["intent"] = "PROFILE_SHARE",
        ["metaData"] = new JsonObject
        {
            ["hipId"] = hipId,
            ["context"] = counterCode,
            ["hprId"] = "",
            ["latitude"] = "28.5672",
            ["longitude"] = "77.2100",
        },
        ["profile"] = new JsonObject
        {
            ["patient"] = new JsonObject
            {
                ["abhaNumber"] = patient.AbhaNumber,
                ["abhaAddress"] = patient.AbhaAddress,
                ["name"] = patient.Name,
                ["gender"] = patient.Gender,
                ["dayOfBirth"] = patient.DayOfBirth,
                ["monthOfBirth"] = patient.MonthOfBirth,
                ["yearOfBirth"] = patient.YearOfBirth,
                ["address"] = Address(patient),
                ["phoneNumber"] = patient.Mobile,
            },
        },
    };

    private static JsonObject LegacyBody(string counterCode, SimulatedPatient patient, Guid requestId, string timestamp, bool withIntent)
    {
        var body = new JsonObject { ["requestId"] = requestId.ToString(), ["timestamp"] = timestamp };
        if (withIntent)
        {
            body["intent"] = new JsonObject { ["type"] = "PROFILE_SHARE" };
            body["location"] = new JsonObject { ["latitude"] = "26.8467", ["longitude"] = "80.9462" };
        }

        body["profile"] = new JsonObject
        {
            ["hipCode"] = counterCode,
            ["patient"] = new JsonObject
            {
                ["healthId"] = patient.AbhaAddress,
                ["healthIdNumber"] = patient.AbhaNumber,
                ["name"] = patient.Name,
                ["gender"] = patient.Gender,
                ["yearOfBirth"] = patient.YearOfBirth,
                ["dayOfBirth"] = patient.DayOfBirth,
                ["monthOfBirth"] = patient.MonthOfBirth,
                ["address"] = Address(patient),
                ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "MOBILE", ["value"] = "+91" + patient.Mobile }),
            },
        };
        return body;
    }

    private static JsonObject Address(SimulatedPatient patient) => new()
    {
        ["line"] = patient.AddressLine,
        ["district"] = patient.District,
        ["state"] = patient.State,
        ["pincode"] = patient.Pincode,
    };
}
