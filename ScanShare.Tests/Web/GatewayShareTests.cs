using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

public sealed class GatewayShareTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(20);
    private readonly GatewayClient _gateway = new(app);

    public static TheoryData<string, string, string> FixtureShares => new()
    {
        { "v3", "v3-share.json", "/api/v3/hip/patient/share" },
        { "v1.0", "v1.0-share.json", "/v1.0/patients/profile/share/" },
        { "v0.5", "v0.5-share.json", "/v0.5/patients/profile/share" },
    };

    [Theory]
    [MemberData(nameof(FixtureShares))]
    public async Task EachFixtureVersionGetsATokenAndItsCallback(string version, string fixture, string path)
    {
        var requestId = version == "v3" ? Guid.Parse("3f1d2c7e-5b8a-4c2e-9d0f-6a7b8c9d0e1f") : Guid.Parse(JsonNode.Parse(Fixtures.Read(fixture))!["requestId"]!.GetValue<string>());
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Fixtures.Read(fixture), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gateway.Keys.CreateGatewayToken());
        request.Headers.Add("X-HIP-ID", "IN0710000123");
        request.Headers.Add("REQUEST-ID", requestId.ToString());

        using var response = await _gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callback = await _gateway.Inbox.WaitForAsync(requestId, CallbackTimeout);
        await using var db = app.CreateDbContext();
        var share = await db.ShareRecords.SingleAsync(s => s.RequestId == requestId);
        var token = await db.Tokens.SingleAsync(t => t.Id == share.TokenId);
        Assert.Equal(("SUCCESS", version, "IN0710000123"), (callback.Status, callback.Version, callback.HipId));
        Assert.Equal(version == "v0.5" ? null : token.Label, callback.TokenNumber);
        Assert.Equal(version == "v3" ? "R" : version == "v1.0" ? "P" : "L", token.Label[..1]);
    }

    public static TheoryData<string, Func<GatewayClientTokens, string?>, string> BadTokens => new()
    {
        { "missing", _ => null, "A gateway bearer token is required." },
        { "malformed", _ => "not.a.jwt", "The gateway token is malformed." },
        { "expired", t => t.Expired, "The gateway token has expired." },
        { "wrong audience", t => t.WrongAudience, "The gateway token is not meant for this facility's audience." },
        { "forged", t => t.Forged, "The gateway token's signature does not match the gateway's published keys." },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AShareWithoutAValidGatewayTokenIsRefusedAndWritesNothing(string description, Func<GatewayClientTokens, string?> token, string detail)
    {
        var before = await _gateway.RowCountsAsync();
        using var request = ScanShare.Web.Simulator.SimulatedShares.Create("v3", "IN0710000123", "OPD-REG-1", GatewayClient.Patient(), Guid.NewGuid(), "x", DateTimeOffset.UtcNow);
        var value = token(new GatewayClientTokens(_gateway.Keys));
        request.Headers.Authorization = value is null ? null : new AuthenticationHeaderValue("Bearer", value);

        using var response = await _gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, await _gateway.RowCountsAsync());
        Assert.True(description.Length > 0);
    }

    [Fact]
    public async Task ReplayedRequestIdsAreAcceptedOnceWhetherSequentialOrConcurrent()
    {
        var requestId = Guid.NewGuid();
        var patient = GatewayClient.Patient(seed: 77);
        using var first = await _gateway.ShareAsync("OPD-REG-2", patient, requestId: requestId);
        var before = await _gateway.RowCountsAsync();

        var replays = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _gateway.ShareAsync(i % 2 == 0 ? "OPD-REG-2" : "LAB-1", patient with { Name = $"Changed {i}" }, requestId: requestId)));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(before, await _gateway.RowCountsAsync());
        await _gateway.Inbox.WaitForAsync(requestId, CallbackTimeout);
        await GatewayQuiet.WaitAsync(app);
        Assert.Single(_gateway.Inbox.Received, c => c.ShareRequestId == requestId);
    }

    [Fact]
    public async Task ARepeatScanWithinValidityGetsTheSameTokenInTheApp()
    {
        var patient = GatewayClient.Patient(seed: 5);
        var firstId = Guid.NewGuid();
        var repeatId = Guid.NewGuid();

        await _gateway.ShareAsync("LAB-1", patient, requestId: firstId);
        await _gateway.ShareAsync("LAB-1", patient, requestId: repeatId);

        var first = await _gateway.Inbox.WaitForAsync(firstId, CallbackTimeout);
        var repeat = await _gateway.Inbox.WaitForAsync(repeatId, CallbackTimeout);
        Assert.NotNull(first.TokenNumber);
        Assert.Equal(first.TokenNumber, repeat.TokenNumber);
    }

    [Fact]
    public async Task AShareForAnUnknownCounterIsAcceptedRecordedAndAnsweredWithAFailure()
    {
        var requestId = Guid.NewGuid();

        using var response = await _gateway.ShareAsync("RADIOLOGY-7", requestId: requestId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var callback = await _gateway.Inbox.WaitForAsync(requestId, CallbackTimeout);
        Assert.Equal(("FAILED", "Counter 'RADIOLOGY-7' is not in service at this facility."), (callback.Status, callback.ErrorMessage));
        await using var db = app.CreateDbContext();
        Assert.Equal(ShareStatus.Rejected, (await db.ShareRecords.SingleAsync(s => s.RequestId == requestId)).Status);
    }

    [Fact]
    public async Task ACallbackIsRetriedUntilTheGatewayAcceptsIt()
    {
        var requestId = Guid.NewGuid();
        var attemptsBefore = _gateway.Inbox.Attempts;
        _gateway.Inbox.FailNext(3);

        await _gateway.ShareAsync("OPD-REG-1", GatewayClient.Patient(seed: 9), requestId: requestId);

        var callback = await _gateway.Inbox.WaitForAsync(requestId, TimeSpan.FromSeconds(40));
        Assert.Equal("SUCCESS", callback.Status);
        Assert.True(_gateway.Inbox.Attempts - attemptsBefore >= 4, $"{_gateway.Inbox.Attempts - attemptsBefore} attempts");
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            var share = await db.ShareRecords.SingleAsync(s => s.RequestId == requestId);
            return await db.OutboxMessages.AnyAsync(o => o.ShareRecordId == share.Id && o.DeliveredAt != null);
        }, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task FiveHundredConcurrentSharesAcrossCountersGetDistinctTokensAndOneCallbackEach()
    {
        string[] counters = ["OPD-REG-1", "OPD-REG-2", "PHARMACY-2", "LAB-1"];
        var requests = Enumerable.Range(0, 500).Select(i => (Id: Guid.NewGuid(), Counter: counters[i % 4], Patient: GatewayClient.Patient(seed: 1000 + i))).ToList();

        var responses = await Task.WhenAll(requests.Select(r => _gateway.ShareAsync(r.Counter, r.Patient, requestId: r.Id)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var callbacks = await Task.WhenAll(requests.Select(r => _gateway.Inbox.WaitForAsync(r.Id, TimeSpan.FromSeconds(60))));
        Assert.All(callbacks, c => Assert.Equal("SUCCESS", c.Status));
        Assert.Equal(500, callbacks.Select(c => c.TokenNumber).Distinct().Count());
        Assert.Equal(500, _gateway.Inbox.Received.Count(c => requests.Any(r => r.Id == c.ShareRequestId)));
        await using var db = app.CreateDbContext();
        var ids = requests.Select(r => r.Id).ToList();
        var tokenIds = await db.ShareRecords.Where(s => ids.Contains(s.RequestId)).Select(s => s.TokenId).ToListAsync();
        Assert.Equal(500, tokenIds.Distinct().Count());
    }
}

/// <summary>Tokens the gateway would never send, made with the simulator's key or another one.</summary>
public sealed class GatewayClientTokens(ScanShare.Web.Simulator.SimulatorKeys keys)
{
    public string Expired => keys.CreateGatewayToken(lifetime: TimeSpan.FromMinutes(5), now: DateTime.UtcNow.AddHours(-1));

    public string WrongAudience => keys.CreateGatewayToken(audience: "someone-else");

    public string Forged
    {
        get
        {
            using var other = new ScanShare.Web.Simulator.SimulatorKeys();
            return other.CreateGatewayToken(keyId: keys.KeyId);
        }
    }
}
