using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Linking;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Web;

/// <summary>Linking under load and across a restart: every visit linked once, no call made twice, nothing lost.</summary>
public sealed class AbhaLinkingLoadTests
{
    [Fact]
    public async Task TwoHundredRegistrationsAtOnceGiveTwoHundredLinkedVisitsWithoutARepeatedCall()
    {
        await using var app = new ScanShareAppFactory();
        var desk = new LinkingDesk(app);
        var patients = Enumerable.Range(0, 200).Select(i => GatewayClient.Patient(seed: 6000 + i) with { AbhaAddress = $"load.patient{i}@sbx" }).ToList();
        string[] counters = ["OPD-REG-1", "OPD-REG-2", "LAB-1", "PHARMACY-2"];
        var tokens = await Task.WhenAll(patients.Select((p, i) => desk.ScanAsync(p, counters[i % counters.Length])));
        var clock = Stopwatch.StartNew();

        // Registrations race the link tokens' answers: some visits find their token there, others wait for it.
        await Task.WhenAll(tokens.Select(t => desk.RegisterAsync(t)));

        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            return await db.VisitLinks.CountAsync(v => v.NotifiedAt != null) == 200;
        }, TimeSpan.FromSeconds(120)), "Not every visit was linked and notified in two minutes.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120));
        await GatewayQuiet.WaitAsync(app);
        var calls = desk.Gateway.Linking.Received;
        AssertOncePerPatient(calls, LinkingCall.GenerateToken, patients.Count);
        AssertOncePerPatient(calls, LinkingCall.LinkCareContext, patients.Count);
        AssertOncePerPatient(calls, LinkingCall.Notify, patients.Count);
        Assert.Equal(200, desk.Gateway.Linking.LinkedVisits.Count(v => v.AbhaAddress.StartsWith("load.patient", StringComparison.Ordinal) && v.Notified));
        await using var check = app.CreateDbContext();
        Assert.Equal(200, await check.VisitLinks.Select(v => v.CareContextReference).Distinct().CountAsync());
        Assert.Equal(200, await check.LinkTokens.CountAsync(l => l.State == LinkTokenState.Issued));
    }

    [Fact]
    public async Task ARestartBetweenTheTokenRequestAndItsAnswerStillLinksTheVisit()
    {
        var first = new ScanShareAppFactory();
        var desk = new LinkingDesk(first);
        var patient = GatewayClient.Patient(seed: 6301);
        desk.Gateway.Answers.Hold();
        var tokenId = await desk.ScanAsync(patient);
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(desk.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken).Count == 1), LinkingDesk.Timeout));
        await desk.RegisterAsync(tokenId);
        await desk.WaitForVisitAsync(tokenId, v => v.State == VisitLinkState.AwaitingToken);
        var held = Assert.Single(desk.Gateway.Answers.TakeHeld(), a => a.Call == LinkingCall.GenerateToken);

        await using var restarted = first.Restarted();
        await first.DisposeAsync();
        var after = new LinkingDesk(restarted);

        // The gateway outlives our restart: its answer arrives at the app that came back.
        Assert.Equal(202, await after.Gateway.Answers.DeliverAsync(held));

        var visit = await after.WaitForVisitAsync(tokenId, v => v.NotifiedAt is not null);
        Assert.Equal(VisitLinkState.Linked, visit.State);
        Assert.Contains(after.Gateway.Linking.LinkedVisits, v => v.AbhaAddress == patient.AbhaAddress && v.CareContextReference == visit.CareContextReference);
        Assert.Empty(after.CallsFor(patient.AbhaAddress, LinkingCall.GenerateToken));
    }

    private static void AssertOncePerPatient(IReadOnlyList<ReceivedLinkingCall> calls, LinkingCall call, int patients)
    {
        var ofLoad = calls.Where(c => c.Call == call && c.Body.Contains("load.patient", StringComparison.Ordinal)).ToList();
        Assert.Equal(patients, ofLoad.Count);
        Assert.Equal(patients, ofLoad.Select(c => c.RequestId).Distinct().Count());
    }
}
