using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed class SupervisorDashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheSupervisorSeesTodaysCountsAndChartAndTheyUpdateLive()
    {
        var registration = await browser.App.QueueIdAsync("registration");
        var pharmacy = await browser.App.QueueIdAsync("pharmacy");
        await using (var db = browser.App.CreateDbContext())
        {
            var counter = db.Counters.Single(c => c.Code == "OPD-REG-1").Id;
            for (var i = 0; i < 6; i++)
            {
                await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(i < 4 ? registration : pharmacy, i % 3 == 0 ? TokenSource.WalkIn : TokenSource.Scan)));
            }

            var called = await browser.App.RunEngineAsync(e => e.CallNextAsync(counter));
            await browser.App.RunEngineAsync(e => e.CompleteAsync(called!.Id));
        }

        var gateway = new GatewayClient(browser.App);
        using (var refused = await gateway.ShareAsync("OPD-REG-1", token: gateway.Keys.CreateGatewayToken(audience: "another-facility")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var page = await browser.NewSignedInPageAsync("supervisor");
        await page.GotoAsync("/supervisor");
        await Expect(page.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var issued = page.Locator("#report-figures [data-figure=Issued]");
        await Expect(issued).ToHaveTextAsync("6");
        await Expect(page.Locator("#report-figures [data-figure=Served]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#by-queue [data-group='OPD Registration']")).ToContainTextAsync("4");
        await Expect(page.Locator("#hour-chart svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#gateway-problems")).ToContainTextAsync("Call refused (401)", new() { Timeout = 15_000 });
        await Expect(page.Locator("#gateway-problems")).ToContainTextAsync("not meant for this facility's audience");

        await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(pharmacy, TokenSource.Scan)));

        await Expect(issued).ToHaveTextAsync("7", new() { Timeout = 5_000 });
        var overflows = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth");
        Assert.False(overflows);
        await BrowserFixture.ScreenshotAsync(page, "supervisor-1366x768");

        // The calendar shows whole weeks: Saturday is not cut off by the field's width.
        await page.Locator(".mud-picker input").First.ClickAsync();
        await Expect(page.Locator(".mud-picker-calendar-header-day .mud-day-label").Last).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await BrowserFixture.ScreenshotAsync(page, "supervisor-date-picker-1366x768");
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.mud-picker-calendar-header-day .mud-day-label')].flatMap(label => {
                const box = label.getBoundingClientRect();
                const calendar = label.closest('.mud-popover').getBoundingClientRect();
                return box.right <= Math.min(innerWidth, calendar.right) + 0.5 && box.left >= calendar.left - 0.5 ? [] : [label.textContent];
            })
            """);
        Assert.Empty(cut);
    }
}
