using System.Text;
using System.Text.Json.Nodes;
using ScanShare.Core.Facilities;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Support;

/// <summary>
/// A share as the gateway sends it in any protocol generation, with fields of the patient changed by one neutral name
/// whatever the generation calls them: <c>mobile="0522-2612345"</c> (v3 <c>phoneNumber</c>, older a MOBILE identifier),
/// <c>abhaNumber</c>, <c>abhaAddress</c>, <c>address.pincode=226010</c>; <c>-gender</c> leaves a field out.
/// </summary>
public static class ShareBodies
{
    public static async Task<HttpRequestMessage> CreateAsync(
        string version, SimulatedPatient patient, Guid requestId, string gatewayToken, string changes,
        string hipId = DemoFacility.HipId, string counterCode = "OPD-REG-1")
    {
        using var original = SimulatedShares.Create(version, hipId, counterCode, patient, requestId, gatewayToken, DateTimeOffset.UtcNow);
        var body = JsonNode.Parse(await original.Content!.ReadAsStringAsync())!;
        var shared = body["profile"]!["patient"]!.AsObject();
        foreach (var change in changes.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            if (change.StartsWith('-'))
            {
                Remove(version, shared, change[1..]);
            }
            else
            {
                var (field, json) = (change.Split('=', 2)[0], change.Split('=', 2)[1]);
                Set(version, shared, field, JsonNode.Parse(json));
            }
        }

        var request = new HttpRequestMessage(original.Method, original.RequestUri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        foreach (var header in original.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    /// <summary>The key a problem names for a neutral field, e.g. <c>profile.patient.healthIdNumber</c> for an older ABHA number.</summary>
    public static string ErrorKey(string version, string field) => $"profile.patient.{Name(version, field)}";

    private static void Set(string version, JsonObject patient, string field, JsonNode? value)
    {
        var (parent, name) = Locate(version, patient, field);
        parent[name] = value;
    }

    private static void Remove(string version, JsonObject patient, string field)
    {
        var (parent, name) = Locate(version, patient, field);
        parent.AsObject().Remove(name);
    }

    private static (JsonNode Parent, string Name) Locate(string version, JsonObject patient, string field) => field switch
    {
        "mobile" when version != "v3" => (patient["identifiers"]![0]!, "value"),
        var f when f.StartsWith("address.", StringComparison.Ordinal) => (patient["address"]!, f["address.".Length..]),
        _ => (patient, Name(version, field)),
    };

    private static string Name(string version, string field) => (version, field) switch
    {
        ("v3", "mobile") => "phoneNumber",
        (not "v3", "mobile") => "identifiers",
        (not "v3", "abhaNumber") => "healthIdNumber",
        (not "v3", "abhaAddress") => "healthId",
        _ => field,
    };
}
