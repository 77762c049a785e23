using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScanShare.Tests.Support;
using ScanShare.Web.Abdm;

namespace ScanShare.Tests.Web;

public sealed class BadShareInputTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private readonly GatewayClient _gateway = new(app);

    public static TheoryData<string, string, HttpStatusCode, string?> BadShares => new()
    {
        // case, what is wrong, expected status, the field the problem names (null: no field, e.g. 413). Only a broken
        // body, the patient's identity or the share's routing refuses a share; messy optional fields never do
        // (MessyShareTests).
        { "malformed JSON", "raw:{\"intent\": \"PROFILE_SHARE\",", HttpStatusCode.BadRequest, "$" },
        { "not JSON at all", "raw:hello", HttpStatusCode.BadRequest, "$" },
        { "wrong content type", "content-type:text/plain", HttpStatusCode.UnsupportedMediaType, null },
        { "body over 64 KB", "huge", HttpStatusCode.RequestEntityTooLarge, null },
        { "missing counter", "metaData.context=null", HttpStatusCode.BadRequest, "metaData.context" },
        { "missing patient name", "profile.patient.name=null", HttpStatusCode.BadRequest, "profile.patient.name" },
        { "no ABHA number and no ABHA address", "profile.patient.abhaNumber=null|profile.patient.abhaAddress=null", HttpStatusCode.BadRequest, "profile.patient.abhaAddress" },
        { "ABHA number with letters", "profile.patient.abhaNumber=\"91-ABCD-5678-9012\"", HttpStatusCode.BadRequest, "profile.patient.abhaNumber" },
        { "unknown intent", "intent=\"LINK_CARE_CONTEXT\"", HttpStatusCode.BadRequest, "intent" },
        { "request id not a uuid", "header:REQUEST-ID=abc", HttpStatusCode.BadRequest, "REQUEST-ID" },
        { "unknown HIP id", "metaData.hipId=\"IN9999999999\"|header:X-HIP-ID=IN9999999999", HttpStatusCode.NotFound, "metaData.hipId" },
    };

    [Theory]
    [MemberData(nameof(BadShares))]
    public async Task EachBadShareGetsAPreciseProblemAndWritesNothing(string description, string change, HttpStatusCode status, string? field)
    {
        var before = await _gateway.RowCountsAsync();
        using var request = Build(change);

        using var response = await _gateway.SendAsync(request);

        Assert.True(status == response.StatusCode, $"{description}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{description}: {problem}");
        }

        Assert.Equal(before, await _gateway.RowCountsAsync());
    }

    private HttpRequestMessage Build(string change)
    {
        var body = JsonNode.Parse(Fixtures.Read("v3-share.json"))!;
        var headers = new Dictionary<string, string> { ["REQUEST-ID"] = Guid.NewGuid().ToString(), ["X-HIP-ID"] = "IN0710000123" };
        string? raw = null;
        var contentType = "application/json";
        foreach (var part in change.Split('|'))
        {
            switch (part)
            {
                case var p when p.StartsWith("raw:"):
                    raw = p[4..];
                    break;
                case var p when p.StartsWith("content-type:"):
                    contentType = p["content-type:".Length..];
                    break;
                case "huge":
                    body["profile"]!["patient"]!["padding"] = new string('x', GatewayInbound.MaxBodyBytes);
                    break;
                case var p when p.StartsWith("header:"):
                    var (name, value) = (p[7..].Split('=')[0], p[7..].Split('=')[1]);
                    headers[name] = value;
                    break;
                default:
                    var (path, json) = (part.Split('=', 2)[0].Split('.'), part.Split('=', 2)[1]);
                    var target = body;
                    foreach (var segment in path[..^1])
                    {
                        target = target[segment]!;
                    }

                    target[path[^1]] = JsonNode.Parse(json);
                    break;
            }
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v3/hip/patient/share")
        {
            Content = new StringContent(raw ?? body.ToJsonString(), Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gateway.Keys.CreateGatewayToken());
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
