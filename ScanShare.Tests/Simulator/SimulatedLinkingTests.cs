using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Simulator;

/// <summary>The simulated gateway refuses linking calls the real one would refuse, naming each fault, and takes none of them in.</summary>
public sealed class SimulatedLinkingTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private const string Gateway = "/simulator/gateway/";

    public static TheoryData<string, string, string, string> Faults => new()
    {
        { "v3/token/generate-token", "v3-generate-token.json", "abhaNumber", "\"91-1234-5678-9012\"" },
        { "v3/token/generate-token", "v3-generate-token.json", "yearOfBirth", "\"1987\"" },
        { "v3/token/generate-token", "v3-generate-token.json", "gender", "\"female\"" },
        { "v3/token/generate-token", "v3-generate-token.json", "abhaAddress", "null" },
        { "hip/v3/link/carecontext", "v3-link-carecontext.json", "patient[0].count", "2" },
        { "hip/v3/link/carecontext", "v3-link-carecontext.json", "patient[0].hiType", "\"OPD\"" },
        { "hip/v3/link/carecontext", "v3-link-carecontext.json", "patient[0].careContexts", "[]" },
        { "hip/v3/link/context/notify", "v3-context-notify.json", "notification.hip.id", "\"IN0000000000\"" },
        { "hip/v3/link/context/notify", "v3-context-notify.json", "notification.date", "\"26/11/2026\"" },
        { "hip/v3/link/patient/links/sms/notify2", "v3-sms-notify2.json", "notification.phoneNo", "\"9876543210\"" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ALinkingCallOutOfItsPublishedShapeIsRefusedWithTheFieldAtFault(string path, string fixture, string field, string json)
    {
        var client = app.CreateClient();
        var body = JsonNode.Parse(Fixtures.Read(fixture))!;
        Set(body, field, JsonNode.Parse(json));
        var linking = new GatewayClient(app).Linking;
        var before = linking.Received.Count;

        using var response = await client.SendAsync(GatewayCall.Post(Gateway + path, body, await SessionAsync(client)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(before, linking.Received.Count);
    }

    [Fact]
    public async Task ACareContextLinkNeedsALinkTokenTheGatewayIssuedForThatAbhaAddress()
    {
        var client = app.CreateClient();
        var session = await SessionAsync(client);
        var keys = new GatewayClient(app).Keys;
        var body = JsonNode.Parse(Fixtures.Read("v3-link-carecontext.json"))!;
        var forOther = keys.CreateLinkToken("someone.else@abdm", "IN0710000123", TimeSpan.FromDays(180), DateTime.UtcNow);
        var expired = keys.CreateLinkToken("sunita.devi@abdm", "IN0710000123", TimeSpan.FromDays(1), DateTime.UtcNow.AddDays(-2));
        var valid = keys.CreateLinkToken("sunita.devi@abdm", "IN0710000123", TimeSpan.FromDays(180), DateTime.UtcNow);

        var statuses = new List<HttpStatusCode>();
        foreach (var token in new[] { null, "not-a-token", forOther, expired, valid })
        {
            using var request = GatewayCall.Post(Gateway + "hip/v3/link/carecontext", body, session);
            if (token is not null)
            {
                request.Headers.Add("X-LINK-TOKEN", token);
            }

            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Accepted], statuses);
        Assert.Contains(new GatewayClient(app).Linking.LinkedVisits, v => v.AbhaAddress == "sunita.devi@abdm" && v.CareContextReference == "20261126-R-017");
    }

    [Fact]
    public async Task LinkingCallsNeedASessionAndTheV3Headers()
    {
        var client = app.CreateClient();
        var body = JsonNode.Parse(Fixtures.Read("v3-generate-token.json"))!;

        using var unsigned = await client.SendAsync(GatewayCall.Post(Gateway + "v3/token/generate-token", body));
        using var withoutHip = await client.SendAsync(GatewayCall.Post(Gateway + "v3/token/generate-token", body, await SessionAsync(client), without: "X-HIP-ID"));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutHip.StatusCode);
        Assert.True((await withoutHip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("X-HIP-ID", out _));
    }

    private static void Set(JsonNode body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = body;
        foreach (var part in parts[..^1])
        {
            node = part.EndsWith(']') ? node[part[..part.IndexOf('[')]]![int.Parse(part[(part.IndexOf('[') + 1)..^1])]! : node[part]!;
        }

        node[parts[^1]] = value;
    }

    private static async Task<string> SessionAsync(HttpClient client)
    {
        using var response = await client.SendAsync(GatewayCall.Post(Gateway + "gateway/v3/sessions",
            new { clientId = "scanshare-demo", clientSecret = "demo-secret-not-for-production", grantType = "client_credentials" }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
