using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Web;

/// <summary>When a visit is linked (at registration or completion), whether linking runs at all, and what the desk's read model shows.</summary>
public sealed class AbhaLinkingSettingsTests
{
    [Fact]
    public async Task LinkingAtCompletionWaitsForTheRegisteredTokenToBeCompleted()
    {
        await using var app = new ScanShareAppFactory { Settings = new Dictionary<string, string?> { ["Abdm:Linking:LinkVisitOn"] = "Completion" } };
        var desk = new LinkingDesk(app);
        var tokenId = await desk.ScanAsync(GatewayClient.Patient(seed: 8001));
        await desk.RegisterAsync(tokenId);
        await desk.WaitForLinkTokenAsync(tokenId, l => l.State == LinkTokenState.Issued);
        Assert.Null(await desk.VisitAsync(tokenId));
        var counterId = await CounterIdAsync(app, "OPD-REG-1");

        await app.RunEngineAsync(e => e.CallAsync(tokenId, counterId));
        await app.RunEngineAsync(e => e.CompleteAsync(tokenId));

        var visit = await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.Linked);
        Assert.NotNull(visit.LinkedAt);
    }

    [Fact]
    public async Task AnUnregisteredTokenIsNotAVisitAndIsNotLinked()
    {
        await using var app = new ScanShareAppFactory { Settings = new Dictionary<string, string?> { ["Abdm:Linking:LinkVisitOn"] = "Completion" } };
        var desk = new LinkingDesk(app);
        var tokenId = await desk.ScanAsync(GatewayClient.Patient(seed: 8002), "PHARMACY-2");
        var counterId = await CounterIdAsync(app, "PHARMACY-2");

        await app.RunEngineAsync(e => e.CallAsync(tokenId, counterId));
        await app.RunEngineAsync(e => e.CompleteAsync(tokenId));
        await GatewayQuiet.WaitAsync(app);

        Assert.Null(await desk.VisitAsync(tokenId));
    }

    [Fact]
    public async Task WithLinkingOffNoLinkTokenIsAskedAndNoVisitLinked()
    {
        await using var app = new ScanShareAppFactory { Settings = new Dictionary<string, string?> { ["Abdm:Linking:Enabled"] = "false" } };
        var desk = new LinkingDesk(app);
        var tokenId = await desk.ScanAsync(GatewayClient.Patient(seed: 8003));

        await desk.RegisterAsync(tokenId);
        await GatewayQuiet.WaitAsync(app);

        Assert.Empty(await desk.LinkTokensAsync(tokenId));
        Assert.Null(await desk.VisitAsync(tokenId));
        Assert.Empty(desk.Gateway.Linking.Received);
    }

    [Fact]
    public async Task TheDesksReadModelCarriesEachVisitsLinkState()
    {
        await using var app = new ScanShareAppFactory();
        var desk = new LinkingDesk(app);
        desk.Gateway.Linking.FailNext(LinkingCall.GenerateToken, "ABDM-1051", "Invalid ABHA address");
        var failing = await desk.ScanAsync(GatewayClient.Patient(seed: 8004));
        var linking = await desk.ScanAsync(GatewayClient.Patient(seed: 8005));
        var unregistered = await desk.ScanAsync(GatewayClient.Patient(seed: 8006));

        await desk.WaitForLinkTokenAsync(failing, l => l.State == LinkTokenState.Refused);
        await desk.RegisterAsync(failing);
        await desk.RegisterAsync(linking);
        await desk.WaitForVisitAsync(linking, v => v.State == VisitLinkState.Linked);

        await using var scope = app.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<CounterBoard>().ViewAsync(DemoFacility.HipId, "OPD-REG-1");
        var marks = view!.Waiting.ToDictionary(t => t.TokenId, t => t.LinkState);
        Assert.Equal(LinkMarkKind.Failed, marks[failing]?.Kind);
        Assert.Contains("ABDM-1051", marks[failing]!.Text);
        Assert.Equal(LinkMarkKind.Linked, marks[linking]?.Kind);
        Assert.Null(marks[unregistered]);
    }

    private static async Task<int> CounterIdAsync(ScanShareAppFactory app, string code)
    {
        await using var db = app.CreateDbContext();
        return await db.Counters.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
    }
}
