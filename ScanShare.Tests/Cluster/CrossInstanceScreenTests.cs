using System.Net;
using Microsoft.Playwright;
using ScanShare.Core.Facilities;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.Cluster;

/// <summary>
/// Screens on one instance, work on the other: a state deployment's desks and TVs are connected to whichever instance
/// the proxy chose, and must not care which instance took the share or the call.
/// </summary>
public sealed class CrossInstanceScreenTests : IAsyncLifetime
{
    private ClusterInstances _cluster = null!;
    private ScanShareAppFactory _second = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ClusterInstances.StartAsync();
        _second = _cluster.AddInstance();
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ADeskOnOneInstanceShowsAShareTheOtherInstanceAcceptedWithinASecond()
    {
        var desk = await CounterDeskPage.OpenAsync(
            await BrowserFixture.NewPageAsync(_browser, _cluster.First.ClientOptions.BaseAddress, 1366, 625), "OPD-REG-1", "clerk");
        using var toSecond = _second.CreateClient();

        using var accepted = await toSecond.SendAsync(_cluster.Share("OPD-REG-1", Guid.NewGuid(), patientSeed: 71));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var name = GatewayClient.Patient(71).Name;
        await Expect(desk.Locator("#shares-scroll")).ToContainTextAsync(name, new() { Timeout = 1_000 });
        await Expect(desk.Locator("#waiting")).ToContainTextAsync(name, new() { Timeout = 1_000 });
        await BrowserFixture.ScreenshotAsync(desk, "cluster-desk-share-from-other-instance");
    }

    [Fact]
    public async Task ATvOnOneInstanceShowsACallMadeOnTheOtherWithinASecond()
    {
        var tv = await BrowserFixture.NewPageAsync(_browser, _second.ClientOptions.BaseAddress, 1920, 1080);
        await tv.GotoAsync($"/tv/{DemoFacility.HipId}/opd-hall?key={DemoFacility.DisplayKey}");
        await Expect(tv.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var desk = await CounterDeskPage.OpenAsync(
            await BrowserFixture.NewPageAsync(_browser, _cluster.First.ClientOptions.BaseAddress, 1366, 625), "OPD-REG-2", "clerk2");
        await CounterDeskPage.IssueWalkInAsync(desk, "Kamala Kumari");
        await Expect(tv.Locator("[data-next-queue]").First).ToContainTextAsync("R-001", new() { Timeout = 1_000 });

        await desk.Locator("#call-next").ClickAsync();

        var call = tv.Locator("#now-calling .tv-call", new() { HasText = "R-001" });
        await Expect(call).ToBeVisibleAsync(new() { Timeout = 1_000 });
        await Expect(call).ToContainTextAsync("Registration Counter 2");
        await BrowserFixture.ScreenshotAsync(tv, "cluster-tv-call-from-other-instance");
    }
}
