using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Simulator;

public sealed partial class GatewaySimulatorTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    [Fact]
    public void GeneratedPatientsLookRealAndVary()
    {
        var generator = new IndianPatientGenerator(new Random(42));
        var patients = Enumerable.Range(0, 200).Select(_ => generator.Next()).ToList();

        Assert.All(patients, p =>
        {
            Assert.Matches(AbhaNumber(), p.AbhaNumber);
            Assert.Matches(AbhaAddress(), p.AbhaAddress);
            Assert.Matches(Mobile(), p.Mobile);
            Assert.Matches(Pincode(), p.Pincode);
            Assert.Contains(p.Gender, new[] { "M", "F", "O" });
        });
        Assert.True(patients.Select(p => p.Name).Distinct().Count() > 100);
        Assert.True(patients.Select(p => p.State).Distinct().Count() >= 12);
        Assert.Equal(new IndianPatientGenerator(new Random(7)).Next(), new IndianPatientGenerator(new Random(7)).Next());
    }

    [Fact]
    public async Task GatewayTokensValidateAgainstThePublishedKeysAndExpire()
    {
        var keys = new GatewayClient(app).Keys;
        var jwks = new JsonWebKeySet(await app.CreateClient().GetStringAsync("/simulator/gateway/gateway/v3/certs"));
        var parameters = new TokenValidationParameters { IssuerSigningKeys = jwks.GetSigningKeys(), ValidAudience = "account", ValidateIssuer = false };
        var handler = new JsonWebTokenHandler();

        var valid = await handler.ValidateTokenAsync(keys.CreateGatewayToken(), parameters);
        var expired = await handler.ValidateTokenAsync(keys.CreateGatewayToken(TimeSpan.FromMinutes(1), now: DateTime.UtcNow.AddHours(-2)), parameters);

        Assert.True(valid.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
    }

    [Fact]
    public async Task SessionsNeedTheRightCredentials()
    {
        var client = app.CreateClient();

        using var right = await client.SendAsync(GatewayCall.Post("/simulator/gateway/gateway/v3/sessions",
            new { clientId = "scanshare-demo", clientSecret = "demo-secret-not-for-production", grantType = "client_credentials" }));
        using var wrong = await client.SendAsync(GatewayCall.Post("/simulator/gateway/gateway/v3/sessions",
            new { clientId = "scanshare-demo", clientSecret = "guess", grantType = "client_credentials" }));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var session = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1200, session.GetProperty("expiresIn").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CallbacksNeedASessionToken()
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/simulator/gateway/patient-share/v3/on-share")
        {
            Content = JsonContent.Create(new { acknowledgement = new { status = "SUCCESS" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new GatewayClient(app).Keys.CreateGatewayToken());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task InjectedFailuresAnswerTheNextCallbacksThenTheyAreAccepted()
    {
        var client = app.CreateClient();
        var session = await SessionAsync(client);
        var inbox = new GatewayClient(app).Inbox;
        var shareId = Guid.NewGuid();
        inbox.FailNext(2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = GatewayCall.Post("/simulator/gateway/patient-share/v3/on-share", OnShareV3(shareId, "R-009"), session);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted], statuses);
        Assert.Equal("R-009", Assert.Single(inbox.Received, c => c.ShareRequestId == shareId).TokenNumber);
    }

    [Fact]
    public async Task SessionsWithoutTheV3HeadersAreRefused()
    {
        var client = app.CreateClient();
        var credentials = new { clientId = "scanshare-demo", clientSecret = "demo-secret-not-for-production", grantType = "client_credentials" };

        using var bare = await client.PostAsJsonAsync("/simulator/gateway/gateway/v3/sessions", credentials);

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var errors = (await bare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var header in new[] { "REQUEST-ID", "TIMESTAMP", "X-CM-ID" })
        {
            Assert.True(errors.TryGetProperty(header, out _), $"The refusal should name {header}: {errors}");
        }
    }

    [Theory]
    [InlineData("REQUEST-ID")]
    [InlineData("TIMESTAMP")]
    [InlineData("X-CM-ID")]
    [InlineData("X-HIP-ID")]
    public async Task CallbacksMissingAHeaderAreRefusedAndNotReceived(string missing)
    {
        var client = app.CreateClient();
        var session = await SessionAsync(client);
        var shareId = Guid.NewGuid();
        using var request = GatewayCall.Post("/simulator/gateway/patient-share/v3/on-share", OnShareV3(shareId, "R-010"), session, without: missing);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(missing, out _), errors.ToString());
        Assert.DoesNotContain(new GatewayClient(app).Inbox.Received, c => c.ShareRequestId == shareId);
    }

    [Fact]
    public async Task LegacyCallbacksWithANullErrorOrAStringCodeAreRefused()
    {
        var client = app.CreateClient();
        var session = await SessionAsync(client);
        object Body(object? error, object? acknowledgement) => new
        {
            requestId = Guid.NewGuid(), timestamp = "2026-11-26T10:00:00.000Z", acknowledgement, error, resp = new { requestId = Guid.NewGuid() },
        };

        using var nullError = await client.SendAsync(GatewayCall.Post("/simulator/gateway/v1.0/patients/profile/on-share",
            Body(null, new { status = "SUCCESS", healthId = "a.b@sbx", tokenNumber = "R-001" }), session));
        using var stringCode = await client.SendAsync(GatewayCall.Post("/simulator/gateway/v1.0/patients/profile/on-share",
            new { requestId = Guid.NewGuid(), timestamp = "2026-11-26T10:00:00.000Z", error = new { code = "1000", message = "no" }, resp = new { requestId = Guid.NewGuid() } }, session));

        Assert.Equal(HttpStatusCode.BadRequest, nullError.StatusCode);
        Assert.Contains("\"error\"", await nullError.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, stringCode.StatusCode);
        Assert.Contains("error.code", await stringCode.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARevokedSessionIsAnsweredWithTheInvalidCredentialsCode()
    {
        var client = app.CreateClient();
        var session = await SessionAsync(client);
        new GatewayClient(app).Keys.RevokeSessions();

        using var response = await client.SendAsync(GatewayCall.Post("/simulator/gateway/patient-share/v3/on-share", OnShareV3(Guid.NewGuid(), "R-011"), session));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("900901", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static object OnShareV3(Guid shareId, string token) => new
    {
        acknowledgement = new { status = "SUCCESS", abhaAddress = "a.b@sbx", profile = new { context = "OPD-REG-1", tokenNumber = token, expiry = "1800" } },
        response = new { requestId = shareId },
    };

    private static async Task<string> SessionAsync(HttpClient client)
    {
        using var response = await client.SendAsync(GatewayCall.Post("/simulator/gateway/gateway/v3/sessions",
            new { clientId = "scanshare-demo", clientSecret = "demo-secret-not-for-production", grantType = "client_credentials" }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    [Fact]
    public async Task TheScanEndpointSendsASignedShareToTheApp()
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/simulator/scan", new { counterCode = "PHARMACY-2", version = "v1.0" });

        var scan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(202, scan.GetProperty("status").GetInt32());
        var callback = await new GatewayClient(app).Inbox.WaitForAsync(scan.GetProperty("requestId").GetGuid(), TimeSpan.FromSeconds(20));
        Assert.Matches("^P-\\d{3}$", callback.TokenNumber);
    }

    [GeneratedRegex(@"^91-\d{4}-\d{4}-\d{4}$")]
    private static partial Regex AbhaNumber();

    [GeneratedRegex(@"^[a-z]+\.[a-z]+\d+@sbx$")]
    private static partial Regex AbhaAddress();

    [GeneratedRegex(@"^[6-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex Pincode();
}
