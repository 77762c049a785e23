using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScanShare.Core.Abdm;
using ScanShare.Core.Linking;
using ScanShare.Tests.Support;
using ScanShare.Web.Abdm;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Web;

/// <summary>The gateway's refusals and the passing of time: each error code waited out as the gateway asks, never a storm of requests.</summary>
public sealed class AbhaLinkingRefusalTests
{

    [Fact]
    public async Task Abdm1027BlocksNewRequestsFor24HoursThenTheVisitIsLinked()
    {
        var (app, clock) = Start();
        await using var _ = app;
        var desk = new LinkingDesk(app);
        var patient = GatewayClient.Patient(seed: 5101);
        desk.Gateway.Linking.FailNext(LinkingCall.GenerateToken, "ABDM-1027", "Link token requests for this ABHA are blocked for 24 hours");

        var tokenId = await desk.ScanAsync(patient);
        var refused = await desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Refused);
        await desk.RegisterAsync(tokenId);
        var waiting = await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.AwaitingToken);

        Assert.Equal("ABDM-1027", refused.ErrorCode);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddHours(24), refused.RetryAfter!.Value, TimeSpan.FromMicroseconds(1));
        Assert.Contains("ABDM-1027", waiting.Problem);
        await SweepAsync(app);
        clock.Advance(TimeSpan.FromHours(23.9));
        await SweepAsync(app);
        await desk.ScanAsync(patient, "LAB-1");
        Assert.Single(desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken));
        var problems = await ProblemsAsync(app);
        Assert.Contains(problems, p => p.Problem == "Link token refused" && p.Detail!.StartsWith("ABDM-1027", StringComparison.Ordinal)
            && p.Detail.Contains("asked again after", StringComparison.Ordinal) && p.RequestId == refused.RequestId);

        clock.Advance(TimeSpan.FromHours(0.2));
        await SweepAsync(app);

        await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.Linked);
        Assert.Equal(2, desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken).Count);
    }

    [Fact]
    public async Task Abdm1051IsNeverAskedAgainAndTheVisitShowsWhy()
    {
        var (app, clock) = Start();
        await using var _ = app;
        var desk = new LinkingDesk(app);
        var patient = GatewayClient.Patient(seed: 5102);
        desk.Gateway.Linking.FailNext(LinkingCall.GenerateToken, "ABDM-1051", "Invalid ABHA address");

        var tokenId = await desk.ScanAsync(patient);
        var refused = await desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Refused);
        await desk.RegisterAsync(tokenId);

        var failed = await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.Failed);
        Assert.Null(refused.RetryAfter);
        Assert.Contains("ABDM-1051", failed.Problem);
        clock.Advance(TimeSpan.FromDays(30));
        await SweepAsync(app);
        var later = await desk.ScanAsync(patient, "LAB-1");
        await desk.RegisterAsync(later);
        await desk.WaitForVisitAsync(later, v => v.State == VisitLinkState.Failed);
        await GatewayQuiet.WaitAsync(app);
        Assert.Single(desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken));
        Assert.Contains(await ProblemsAsync(app), p => p.Problem == "Visit not linked" && p.Detail!.Contains("ABDM-1051", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Abdm1024IsAskedAgainAfterWaitsThatGrow()
    {
        var (app, clock) = Start(new() { ["Abdm:Linking:ServiceDownRetryAfter"] = "00:01:00" });
        await using var _ = app;
        var desk = new LinkingDesk(app);
        var patient = GatewayClient.Patient(seed: 5103);
        desk.Gateway.Linking.FailNext(LinkingCall.GenerateToken, "ABDM-1024", "Service is down, try again later", count: 2);

        var tokenId = await desk.ScanAsync(patient);
        await desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Refused);
        await desk.RegisterAsync(tokenId);
        await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.AwaitingToken && v.Problem!.Contains("ABDM-1024"));
        await SweepAsync(app);
        Assert.Single(desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken));

        clock.Advance(TimeSpan.FromSeconds(61));
        await SweepAsync(app);
        var second = await desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Refused && l.FailureStreak == 2);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(2), second.RetryAfter!.Value, TimeSpan.FromMicroseconds(1));
        clock.Advance(TimeSpan.FromSeconds(61));
        await SweepAsync(app);
        Assert.Equal(2, desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken).Count);

        clock.Advance(TimeSpan.FromSeconds(61));
        await SweepAsync(app);

        await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.Linked);
        Assert.Equal(3, desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken).Count);
    }

    [Fact]
    public async Task AnExpiredLinkTokenIsRenewedForTheNextVisit()
    {
        var (app, clock) = Start();
        await using var _ = app;
        var desk = new LinkingDesk(app);
        var patient = GatewayClient.Patient(seed: 5104);
        var first = await desk.ScanAsync(patient);
        var issued = await desk.WaitForLinkTokenAsync(first, l => l.State == LinkTokenState.Issued);
        await desk.RegisterAsync(first);
        await desk.WaitForVisitAsync(first, v => v.State == VisitLinkState.Linked);

        clock.Advance(TimeSpan.FromDays(181));
        var next = await desk.ScanAsync(patient);
        var renewed = await desk.WaitForLinkTokenAsync(next, l => l.State == LinkTokenState.Issued && l.Id != issued.Id);
        await desk.RegisterAsync(next);

        await desk.WaitForVisitAsync(next, v => v.State == VisitLinkState.Linked);
        Assert.True(issued.ExpiresAt < clock.GetUtcNow().UtcDateTime);
        Assert.True(renewed.ExpiresAt > clock.GetUtcNow().UtcDateTime.AddDays(179));
        Assert.Equal(2, desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken).Count);
        var links = desk.CallsFor(patient.AbhaAddress, LinkingCall.LinkCareContext);
        Assert.Equal([issued.Token, renewed.Token], links.Select(l => l.Headers["X-LINK-TOKEN"]));
    }

    private static (ScanShareAppFactory App, FakeTimeProvider Clock) Start(Dictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new ScanShareAppFactory { Clock = clock, Settings = settings ?? [] }, clock);
    }

    private static async Task SweepAsync(ScanShareAppFactory app)
    {
        await app.Services.GetRequiredService<LinkingRetries>().SweepAsync(CancellationToken.None);
        await GatewayQuiet.WaitAsync(app);
    }

    private static async Task<IReadOnlyList<GatewayProblem>> ProblemsAsync(ScanShareAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = app.CreateDbContext();
        var facilityId = db.Facilities.Single().Id;
        return await scope.ServiceProvider.GetRequiredService<GatewayProblemLog>().SinceAsync(facilityId, DateTime.UtcNow.AddDays(-400));
    }
}
