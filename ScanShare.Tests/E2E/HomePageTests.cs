using Microsoft.Playwright;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed class HomePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task HomePageShowsTheDemoFacilityAndCountsNewTokensLive()
    {
        var page = await browser.NewSignedInPageAsync("supervisor", 1366, 768);
        await page.GotoAsync("/");
        await Expect(page.Locator("#facility-name")).ToHaveTextAsync("District Hospital Demo");
        var registrationIssued = page.Locator("[data-queue=registration] [data-figure=Issued]");
        await Expect(registrationIssued).ToHaveTextAsync("0");
        await WaitForInteractivityAsync(page);

        var registration = await browser.App.QueueIdAsync("registration");
        await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));

        await Expect(registrationIssued).ToHaveTextAsync("1", new() { Timeout = 5_000 });
        await Expect(page.Locator("[data-queue=registration] [data-figure=Waiting]")).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(page, "home-1366x768");
    }

    [Fact]
    public async Task HomePageFitsATvScreen()
    {
        var page = await browser.NewSignedInPageAsync("supervisor", 1920, 1080);
        await page.GotoAsync("/");
        await Expect(page.Locator("#facility-name")).ToHaveTextAsync("District Hospital Demo");

        var overflows = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");

        Assert.False(overflows);
        await BrowserFixture.ScreenshotAsync(page, "home-1920x1080");
    }

    /// <summary>The page is prerendered first; live updates start once the Blazor circuit is connected.</summary>
    private static Task WaitForInteractivityAsync(IPage page) =>
        Expect(page.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
}
