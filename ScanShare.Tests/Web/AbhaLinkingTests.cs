using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Linking;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Web;

/// <summary>Share, register, link token, care context linked, patient's app notified: end to end through the simulated gateway.</summary>
public sealed partial class AbhaLinkingTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private readonly LinkingDesk _desk = new(app);

    [Fact]
    public async Task AScannedPatientsRegisteredVisitIsLinkedAndTheirAppNotifiedWithThePublishedCalls()
    {
        var patient = GatewayClient.Patient(seed: 4101);
        var tokenId = await _desk.ScanAsync(patient);
        var issued = await _desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Issued);

        var uhid = await _desk.RegisterAsync(tokenId, "Paediatrics");

        var visit = await _desk.WaitForVisitAsync(tokenId, v => v.NotifiedAt is not null);
        Assert.Equal((VisitLinkState.Linked, uhid), (visit.State, visit.PatientReference));
        Assert.Matches(OpdVisitDisplay(), visit.Display);
        Assert.EndsWith(", Paediatrics", visit.Display);
        Assert.InRange(issued.ExpiresAt!.Value, DateTime.UtcNow.AddDays(179), DateTime.UtcNow.AddDays(181));

        var generate = Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken));
        JsonShape.AssertMatchesFixture("v3-generate-token.json", generate.Body);
        AssertHeaders("v3-generate-token.headers", generate);
        var token = JsonNode.Parse(generate.Body)!;
        Assert.Equal(patient.AbhaNumber.Replace("-", ""), token["abhaNumber"]!.GetValue<string>());
        Assert.Equal((patient.Name, patient.Gender, patient.YearOfBirth),
            (token["name"]!.GetValue<string>(), token["gender"]!.GetValue<string>(), token["yearOfBirth"]!.GetValue<int>()));
        Assert.Equal(issued.RequestId.ToString(), generate.Headers["REQUEST-ID"]);

        var link = Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.LinkCareContext));
        JsonShape.AssertMatchesFixture("v3-link-carecontext.json", link.Body);
        AssertHeaders("v3-link-carecontext.headers", link);
        Assert.Equal(issued.Token, link.Headers["X-LINK-TOKEN"]);
        var linked = JsonNode.Parse(link.Body)!["patient"]![0]!;
        Assert.Equal((uhid, patient.Name, visit.CareContextReference, visit.Display, "OPConsultation"),
            (linked["referenceNumber"]!.GetValue<string>(), linked["display"]!.GetValue<string>(),
             linked["careContexts"]![0]!["referenceNumber"]!.GetValue<string>(), linked["careContexts"]![0]!["display"]!.GetValue<string>(),
             linked["hiType"]!.GetValue<string>()));

        var notify = Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.Notify));
        JsonShape.AssertMatchesFixture("v3-context-notify.json", notify.Body);
        var notification = JsonNode.Parse(notify.Body)!["notification"]!;
        Assert.Equal((visit.CareContextReference, uhid, "IN0710000123"),
            (notification["careContext"]!["careContextReference"]!.GetValue<string>(), notification["careContext"]!["patientReference"]!.GetValue<string>(),
             notification["hip"]!["id"]!.GetValue<string>()));
        Assert.Matches(UtcMilliseconds(), notification["date"]!.GetValue<string>());

        Assert.Contains(_desk.Gateway.Linking.LinkedVisits, v => v.AbhaAddress == patient.AbhaAddress && v.CareContextReference == visit.CareContextReference && v.Notified);
        Assert.Empty(_desk.Gateway.Linking.RefusedCalls);
        await using var db = app.CreateDbContext();
        var sent = await db.OutboxMessages.SingleAsync(o => o.RequestId == visit.LinkRequestId);
        Assert.Equal((GatewayFlow.LinkCareContext, (string?)null), (sent.Flow, sent.LinkToken));
        Assert.NotNull(sent.DeliveredAt);
    }

    [Fact]
    public async Task ALinkTokenIsReusedForTheNextVisitsWhileItIsValid()
    {
        var patient = GatewayClient.Patient(seed: 4102);
        var first = await _desk.ScanAsync(patient);
        var issued = await _desk.WaitForLinkTokenAsync(first, l => l.State == LinkTokenState.Issued);
        await _desk.RegisterAsync(first);
        await _desk.WaitForVisitAsync(first, v => v.State == VisitLinkState.Linked);

        var second = await _desk.ScanAsync(patient, "LAB-1");
        await _desk.RegisterAsync(second, "ENT");

        var visit = await _desk.WaitForVisitAsync(second, v => v.State == VisitLinkState.Linked);
        Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken));
        Assert.Single(await _desk.LinkTokensAsync(second));
        var links = _desk.CallsFor(patient.AbhaAddress, LinkingCall.LinkCareContext);
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal(issued.Token, l.Headers["X-LINK-TOKEN"]));
        Assert.Contains(_desk.Gateway.Linking.LinkedVisits, v => v.CareContextReference == visit.CareContextReference);
    }

    [Fact]
    public async Task RegisteringAgainDoesNotLinkTheVisitTwice()
    {
        var patient = GatewayClient.Patient(seed: 4103);
        var tokenId = await _desk.ScanAsync(patient);
        await _desk.RegisterAsync(tokenId);
        await _desk.WaitForVisitAsync(tokenId, v => v.NotifiedAt is not null);

        await _desk.RegisterAsync(tokenId, "Dental");
        await GatewayQuiet.WaitAsync(app);

        Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.LinkCareContext));
        Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.Notify));
    }

    public static TheoryData<string, string> AnswerPaths => new()
    {
        { "/api/v3/hip/token/on-generate-token", "v3-on-generate-token.json" },
        { "/api/v3/hip/token/on-generate-token", "v3-on-generate-token-error.json" },
        { "/api/v3/link/on_carecontext", "v3-on-carecontext.json" },
        { "/api/v3/links/context/on-notify", "v3-on-notify.json" },
        { "/api/v3/patients/sms/on-notify", "v3-sms-on-notify.json" },
    };

    [Theory]
    [MemberData(nameof(AnswerPaths))]
    public async Task AnAnswerToARequestWeNeverMadeIsAcceptedLoggedAndChangesNothing(string path, string fixture)
    {
        var requestId = Guid.NewGuid();
        var body = JsonNode.Parse(Fixtures.Read(fixture))!;
        body["response"]!["requestId"] = requestId.ToString();
        var before = await RowsAsync();

        using var response = await SendAnswerAsync(path, body.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(before, await RowsAsync());
        Assert.Contains(app.Logs.GetSnapshot(), l => l.Message.Contains(requestId.ToString(), StringComparison.Ordinal)
            && l.Message.Contains("no request of ours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswersArrivingTwiceAreTakenOnce()
    {
        var patient = GatewayClient.Patient(seed: 4104);
        var tokenId = await _desk.ScanAsync(patient);
        var issued = await _desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Issued);
        await _desk.RegisterAsync(tokenId);
        var visit = await _desk.WaitForVisitAsync(tokenId, v => v.NotifiedAt is not null);
        var answers = _desk.Gateway.Answers;

        // The gateway repeats each answer, once as it was and once as a refusal: neither changes what was taken in.
        Assert.Equal(202, await answers.DeliverAsync(new SimulatedAnswer(LinkingCall.GenerateToken, issued.RequestId, "IN0710000123", patient.AbhaAddress, null, null)));
        Assert.Equal(202, await answers.DeliverAsync(new SimulatedAnswer(LinkingCall.GenerateToken, issued.RequestId, "IN0710000123", patient.AbhaAddress, "ABDM-1051", "Invalid ABHA")));
        Assert.Equal(202, await answers.DeliverAsync(new SimulatedAnswer(LinkingCall.LinkCareContext, visit.LinkRequestId!.Value, "IN0710000123", patient.AbhaAddress, null, null)));
        Assert.Equal(202, await answers.DeliverAsync(new SimulatedAnswer(LinkingCall.Notify, visit.NotifyRequestId!.Value, "IN0710000123", patient.AbhaAddress, "ABDM-1024", "down")));
        await GatewayQuiet.WaitAsync(app);

        var after = Assert.Single(await _desk.LinkTokensAsync(tokenId));
        Assert.Equal((LinkTokenState.Issued, issued.Token), (after.State, after.Token));
        var again = await _desk.VisitAsync(tokenId);
        Assert.Equal((VisitLinkState.Linked, visit.NotifiedAt, (string?)null), (again!.State, again.NotifiedAt, again.NotifyProblem));
        Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.LinkCareContext));
        Assert.Single(_desk.CallsFor(patient.AbhaAddress, LinkingCall.Notify));
        Assert.Contains(app.Logs.GetSnapshot(), l => l.Message.Contains($"repeat of the gateway's link token answer to request {issued.RequestId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswersNeedTheGatewaysTokenAndARequestId()
    {
        var body = JsonNode.Parse(Fixtures.Read("v3-on-carecontext.json"))!;
        body["response"]!["requestId"] = "not-a-uuid";

        using var unsigned = await SendAnswerAsync("/api/v3/link/on_carecontext", Fixtures.Read("v3-on-carecontext.json"), signed: false);
        using var unmatched = await SendAnswerAsync("/api/v3/link/on_carecontext", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unmatched.StatusCode);
        var problem = await unmatched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("response.requestId", out _));
    }

    private async Task<HttpResponseMessage> SendAnswerAsync(string path, string json, bool signed = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (signed)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _desk.Gateway.Keys.CreateGatewayToken());
        }

        request.Headers.Add("REQUEST-ID", Guid.NewGuid().ToString());
        request.Headers.Add("X-HIP-ID", "IN0710000123");
        return await _desk.Gateway.SendAsync(request);
    }

    private async Task<(int, int, int, int)> RowsAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.LinkTokens.CountAsync(l => l.State != LinkTokenState.Requested), await db.VisitLinks.CountAsync(v => v.State == VisitLinkState.Linked),
            await db.VisitLinks.CountAsync(v => v.NotifiedAt != null), await db.SmsLinks.CountAsync(s => s.State != SmsLinkState.Sent));
    }

    private static void AssertHeaders(string fixture, ReceivedLinkingCall call)
    {
        foreach (var header in JsonShape.HeaderNames(fixture))
        {
            Assert.True(call.Headers.TryGetValue(header, out var value) && value.Length > 0, $"{call.Call} without {header}");
        }

        Assert.True(Guid.TryParse(call.Headers["REQUEST-ID"], out _));
        Assert.Matches(UtcMilliseconds(), call.Headers["TIMESTAMP"]);
        Assert.Equal(("sbx", "IN0710000123"), (call.Headers["X-CM-ID"], call.Headers["X-HIP-ID"]));
        Assert.StartsWith("Bearer ", call.Headers["Authorization"], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcMilliseconds();

    [GeneratedRegex(@"^OPD visit \d{1,2} [A-Z][a-z]{2} \d{4}, ")]
    private static partial Regex OpdVisitDisplay();
}
