using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Abdm;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Web;

/// <summary>ABDM's SMS link for patients without ABHA: from the desk with one click, or at every such visit by the facility's choice.</summary>
public sealed class AbhaSmsLinkTests
{
    [Fact]
    public async Task AClerkSendsAWalkInTheSmsLinkOnceInThePublishedShape()
    {
        await using var app = new ScanShareAppFactory();
        var desk = new LinkingDesk(app);
        var tokenId = await WalkInAsync(app, "Kamla Bai", "098765 43210");

        var state = await SendAsync(app, tokenId);
        var sms = await WaitForSmsAsync(app, tokenId, SmsLinkState.Acknowledged);
        var again = await SendAsync(app, tokenId);

        Assert.Equal((SmsLinkState.Sent, SmsLinkState.Acknowledged), (state, again));
        Assert.Equal(("+91-9876543210", "Asha Verma"), (sms.PhoneNo, sms.RequestedBy));
        var call = Assert.Single(desk.Gateway.Linking.Received, c => c.Call == LinkingCall.SmsNotify);
        JsonShape.AssertMatchesFixture("v3-sms-notify2.json", call.Body);
        var notification = JsonNode.Parse(call.Body)!["notification"]!;
        Assert.Equal(("+91-9876543210", "District Hospital Demo", "IN0710000123"),
            (notification["phoneNo"]!.GetValue<string>(), notification["hip"]!["name"]!.GetValue<string>(), notification["hip"]!["id"]!.GetValue<string>()));
        Assert.Equal(sms.RequestId.ToString(), call.Headers["REQUEST-ID"]);
        Assert.Contains(desk.Gateway.Linking.SmsSent, s => s.PhoneNo == "+91-9876543210");
        Assert.Equal(LinkMarkKind.SmsSent, (await CounterTokenAsync(app, tokenId)).LinkState?.Kind);
    }

    [Fact]
    public async Task NoSmsGoesToAPatientWithAnAbhaOrWithoutAMobile()
    {
        await using var app = new ScanShareAppFactory();
        var desk = new LinkingDesk(app);
        var scanned = await desk.ScanAsync(GatewayClient.Patient(seed: 7001));
        var landline = await WalkInAsync(app, "Hari Prasad", "0522-2612345");

        var withAbha = await Assert.ThrowsAsync<QueueRuleException>(() => SendAsync(app, scanned));
        var withoutMobile = await Assert.ThrowsAsync<QueueRuleException>(() => SendAsync(app, landline));

        Assert.Contains("has an ABHA", withAbha.Message);
        Assert.Contains("no Indian mobile", withoutMobile.Message);
        await GatewayQuiet.WaitAsync(app);
        Assert.DoesNotContain(desk.Gateway.Linking.Received, c => c.Call == LinkingCall.SmsNotify);
    }

    [Fact]
    public async Task AnSmsTheGatewayCouldNotSendIsShownToSupervisorsAndCanBeSentAgain()
    {
        await using var app = new ScanShareAppFactory();
        var desk = new LinkingDesk(app);
        desk.Gateway.Linking.FailNext(LinkingCall.SmsNotify, "ABDM-1205", "SMS could not be delivered");
        var tokenId = await WalkInAsync(app, "Rekha Verma", "9123456780");

        await SendAsync(app, tokenId);
        var errored = await WaitForSmsAsync(app, tokenId, SmsLinkState.Errored);
        var problems = await ProblemsAsync(app);
        Assert.Contains("ABDM-1205", errored.Problem);
        Assert.Contains(problems, p => p.Problem == "ABHA SMS failed" && p.RequestId == errored.RequestId);
        Assert.Equal(LinkMarkKind.SmsFailed, (await CounterTokenAsync(app, tokenId)).LinkState?.Kind);

        await SendAsync(app, tokenId);

        var sent = await WaitForSmsAsync(app, tokenId, SmsLinkState.Acknowledged);
        Assert.NotEqual(errored.RequestId, sent.RequestId);
        Assert.Equal(2, desk.Gateway.Linking.Received.Count(c => c.Call == LinkingCall.SmsNotify));
    }

    [Fact]
    public async Task AFacilityThatChoseItSendsTheSmsAtEveryVisitOfAPatientWithoutAbha()
    {
        var facility = DemoFacility.Create();
        facility.AbhaSmsLink = AbhaSmsLinkMode.Automatic;
        await using var app = ScanShareAppFactory.With(new FacilityCatalogSettings { Facilities = [facility] });
        var desk = new LinkingDesk(app);
        var withMobile = await WalkInAsync(app, "Gita Kumari", "9988776655");
        var withoutMobile = await WalkInAsync(app, "Mohan Lal", null);

        await desk.RegisterAsync(withMobile);
        await desk.RegisterAsync(withoutMobile);

        var sms = await WaitForSmsAsync(app, withMobile, SmsLinkState.Acknowledged);
        Assert.Equal(("+91-9988776655", (string?)null), (sms.PhoneNo, sms.RequestedBy));
        await using var db = app.CreateDbContext();
        Assert.False(await db.SmsLinks.AnyAsync(s => s.TokenId == withoutMobile));
        Assert.False(await db.VisitLinks.AnyAsync());
    }

    private static async Task<long> WalkInAsync(ScanShareAppFactory app, string name, string? mobile)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var counterId = await CounterIdAsync(app);
        var token = await scope.ServiceProvider.GetRequiredService<WalkInRegistration>()
            .RegisterAsync(counterId, new WalkIn(name, Gender.F, 1980, mobile, PriorityLane.None));
        return token.Id;
    }

    private static async Task<SmsLinkState> SendAsync(ScanShareAppFactory app, long tokenId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = app.CreateDbContext();
        var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<CounterWork>().SendAbhaSmsLinkAsync(clerk, await CounterIdAsync(app), tokenId);
    }

    private static async Task<SmsLink> WaitForSmsAsync(ScanShareAppFactory app, long tokenId, SmsLinkState state)
    {
        SmsLink? sms = null;
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            sms = await db.SmsLinks.AsNoTracking().SingleOrDefaultAsync(s => s.TokenId == tokenId);
            return sms?.State == state;
        }, LinkingDesk.Timeout), $"The SMS of token {tokenId} is {sms?.State.ToString() ?? "not there"}");
        return sms!;
    }

    private static async Task<CounterToken> CounterTokenAsync(ScanShareAppFactory app, long tokenId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<CounterBoard>().ViewAsync(DemoFacility.HipId, "OPD-REG-1");
        return view!.Waiting.Single(t => t.TokenId == tokenId);
    }

    private static async Task<int> CounterIdAsync(ScanShareAppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.Counters.Where(c => c.Code == "OPD-REG-1").Select(c => c.Id).SingleAsync();
    }

    private static async Task<IReadOnlyList<GatewayProblem>> ProblemsAsync(ScanShareAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = app.CreateDbContext();
        return await scope.ServiceProvider.GetRequiredService<GatewayProblemLog>().SinceAsync(db.Facilities.Single().Id, DateTime.UtcNow.AddDays(-1));
    }
}
