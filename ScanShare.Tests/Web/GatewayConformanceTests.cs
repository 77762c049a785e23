using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Tests.Support;
using ScanShare.Web.Abdm;

namespace ScanShare.Tests.Web;

/// <summary>What we send the gateway, what we do when it refuses our session, and what we do with calls we refuse.</summary>
public sealed partial class GatewayConformanceTests
{
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryRequestToTheGatewayCarriesTheV3HeadersAndAContentLength()
    {
        await using var app = new ScanShareAppFactory();
        var requests = app.Services.GetRequiredService<GatewayRequests>();

        using var session = requests.Post(GatewaySessions.Path, "{}", Guid.NewGuid());
        using var callback = requests.Post("patient-share/v3/on-share", "{\"a\":1}", Guid.NewGuid(), "IN0710000123", new("Bearer", "s"));

        foreach (var request in new[] { session, callback })
        {
            Assert.True(Guid.TryParse(request.Headers.GetValues("REQUEST-ID").Single(), out _));
            Assert.Matches(UtcMillisecondTimestamp(), request.Headers.GetValues("TIMESTAMP").Single());
            Assert.Equal("sbx", request.Headers.GetValues("X-CM-ID").Single());
            Assert.NotNull(request.Content!.Headers.ContentLength);
            Assert.Null(request.Headers.TransferEncodingChunked);
            Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
        }

        Assert.Null(session.Headers.Authorization);
        Assert.False(session.Headers.Contains("X-HIP-ID"));
        Assert.Equal("IN0710000123", callback.Headers.GetValues("X-HIP-ID").Single());
        Assert.Equal("Bearer", callback.Headers.Authorization!.Scheme);
    }

    [Fact]
    public async Task ARevokedSessionIsRenewedAndTheCallbackStillGoesOnItsFirstAttempt()
    {
        await using var app = new ScanShareAppFactory();
        var gateway = new GatewayClient(app);
        var first = Guid.NewGuid();
        (await gateway.ShareAsync("OPD-REG-1", requestId: first)).Dispose();
        await gateway.Inbox.WaitForAsync(first, CallbackTimeout);

        gateway.Keys.RevokeSessions();
        var second = Guid.NewGuid();
        (await gateway.ShareAsync("OPD-REG-1", GatewayClient.Patient(2), requestId: second)).Dispose();

        Assert.Equal("SUCCESS", (await gateway.Inbox.WaitForAsync(second, CallbackTimeout)).Status);
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            var message = await db.OutboxMessages.SingleAsync(o => o.ShareRecord!.RequestId == second);
            return message is { DeliveredAt: not null, Attempts: 1, LastError: null };
        }, CallbackTimeout));
        Assert.Empty(gateway.Inbox.RefusedCallbacks);
    }

    [Fact]
    public async Task AWrongAudienceIsLoggedAsAWarningAndCountedForTheSupervisor()
    {
        await using var app = new ScanShareAppFactory();
        var gateway = new GatewayClient(app);
        var token = gateway.Keys.CreateGatewayToken(audience: "some-other-facility");

        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.ShareAsync("OPD-REG-1", token: token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Refusals are counted in the background, possibly over several batches.
        var problem = await ProblemAsync(app, p => p.Problem == "Call refused (401)" && p.Count == 3);
        Assert.Equal("/api/v3/hip/patient/share", problem.Where);
        Assert.Equal("The gateway token is not meant for this facility's audience.", problem.Detail);
        var warnings = app.Logs.GetSnapshot().Where(l => l.Level == LogLevel.Warning && l.Message.Contains("Refused a gateway call")).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("audience", w.Message));
        Assert.All(warnings, w => Assert.DoesNotContain(token, w.Message));
    }

    [Fact]
    public async Task AnInvalidShareIsCountedByItsFieldsWithoutThePatientsData()
    {
        await using var app = new ScanShareAppFactory();
        var gateway = new GatewayClient(app);
        var patient = GatewayClient.Patient(3) with { AbhaNumber = "91-1234", Name = "" };

        using var response = await gateway.ShareAsync("OPD-REG-1", patient);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(app, p => p.Problem == "Call refused (400)");
        Assert.Equal("Invalid share: profile.patient.abhaNumber, profile.patient.name.", problem.Detail);
        Assert.DoesNotContain("91-1234", string.Join("\n", app.Logs.GetSnapshot().Select(l => l.Message)));
    }

    [Fact]
    public async Task KeysThatCannotBeFetchedAreNamedInTheRefusalTheLogAndTheProblemList()
    {
        const string keysUrl = "http://127.0.0.1:9/no-keys-here";
        await using var app = new ScanShareAppFactory();
        using var misconfigured = app.WithWebHostBuilder(b => b.UseSetting("Abdm:Gateway:JwksUrl", keysUrl));
        var gateway = new GatewayClient(app);

        using var response = await misconfigured.CreateClient().SendAsync(
            ScanShare.Web.Simulator.SimulatedShares.Create("v3", "IN0710000123", "OPD-REG-1", GatewayClient.Patient(), Guid.NewGuid(),
                gateway.Keys.CreateGatewayToken(), DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.StartsWith($"The gateway's signing keys could not be fetched from {keysUrl}", detail);
        var logs = misconfigured.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, l => l.Level == LogLevel.Error && l.Message.Contains(keysUrl));
        Assert.Contains(logs, l => l.Level == LogLevel.Warning && l.Message.Contains("could not be fetched"));
    }

    [Theory]
    [InlineData("Abdm:Gateway:BaseUrl", "http://gateway.example/api/hiecm")]
    [InlineData("Abdm:Gateway:JwksUrl", "http://gateway.example/gateway/v3/certs")]
    public async Task APlainHttpGatewayUrlStopsTheAppAtStartNamingTheSetting(string setting, string url)
    {
        await using var production = new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Abdm:Gateway:BaseUrl", "https://gateway.example/api/hiecm");
            builder.UseSetting("Abdm:Gateway:ClientId", "facility");
            builder.UseSetting("Abdm:Gateway:ClientSecret", "secret");
            builder.UseSetting("Abdm:Abha:BaseUrl", "https://abha.invalid/abha/api/v3");
            builder.UseSetting(setting, url);
        });

        var failure = Assert.Throws<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains($"{setting} must be an https URL", failure.Message);
    }

    [Fact]
    public async Task AfterAGracefulStopNoCallbackTheGatewayAcceptedIsSentAgain()
    {
        var first = new ScanShareAppFactory();
        var firstInbox = new GatewayClient(first).Inbox;
        firstInbox.DelayAnswers(TimeSpan.FromMilliseconds(700));
        var shares = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            shares.Add(Guid.NewGuid());
            using var response = await new GatewayClient(first).ShareAsync("OPD-REG-1", GatewayClient.Patient(100 + i), requestId: shares[^1]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(firstInbox.Arrived > 0), CallbackTimeout));
        await using var restarted = first.Restarted();
        await first.DisposeAsync();
        var secondInbox = new GatewayClient(restarted).Inbox;
        foreach (var id in shares.Where(id => firstInbox.Received.All(c => c.ShareRequestId != id)))
        {
            await secondInbox.WaitForAsync(id, CallbackTimeout);
        }

        var before = firstInbox.Received.Select(c => c.ShareRequestId).ToList();
        var after = secondInbox.Received.Select(c => c.ShareRequestId).ToList();
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        Assert.Empty(before.Intersect(after));
        Assert.Equal(shares.Order(), before.Concat(after).Select(id => id!.Value).Order());
    }

    private static async Task<GatewayProblem> ProblemAsync(ScanShareAppFactory app, Func<GatewayProblem, bool> match)
    {
        GatewayProblem? found = null;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var facilityId = await scope.ServiceProvider.GetRequiredService<ScanShare.Core.Data.ScanShareDbContext>().Facilities.Select(f => f.Id).FirstAsync();
            var problems = await scope.ServiceProvider.GetRequiredService<GatewayProblemLog>().SinceAsync(facilityId, DateTime.UtcNow.AddHours(-1));
            found = problems.FirstOrDefault(match);
            return found is not null;
        }, TimeSpan.FromSeconds(10)));
        return found!;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcMillisecondTimestamp();
}
