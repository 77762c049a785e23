using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>A clerk fixed to another counter can open this one's page, but no key of theirs changes a token here.</summary>
public sealed class ForeignCounterKeysTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheKeysOfAClerkFixedToCounter2DoNothingAtCounter1()
    {
        var queue = await browser.App.QueueIdAsync("registration");
        await using var db = browser.App.CreateDbContext();
        var counter1 = await db.Counters.Where(c => c.Code == "OPD-REG-1").Select(c => c.Id).SingleAsync();
        var waiting = (await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)))).Token;
        var page = await browser.NewSignedInPageAsync("clerk2");

        await page.GotoAsync("/counter/IN0710000123/OPD-REG-1");
        await Expect(page.Locator("#assigned-elsewhere[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.Keyboard.PressAsync("F2");
        await Expect(page.GetByText("You are assigned to another counter").First).ToBeVisibleAsync();

        var called = (await browser.App.RunEngineAsync(e => e.CallNextAsync(counter1)))!;
        await page.ReloadAsync();
        await Expect(page.Locator("#assigned-elsewhere[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        foreach (var key in new[] { "F4", "F8" })
        {
            var refusal = page.GetByText("You are assigned to another counter");
            await Expect(refusal).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            await page.Keyboard.PressAsync(key);
            await Expect(refusal).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "desk-foreign-counter-1366x768");
            await page.Locator(".mud-snackbar .mud-snackbar-close-button, .mud-snackbar button").First.ClickAsync();
        }

        await using var after = browser.App.CreateDbContext();
        var token = await after.Tokens.AsNoTracking().SingleAsync(t => t.Id == called.Id);
        Assert.Equal(waiting.Id, called.Id);
        Assert.Equal((TokenState.Called, 1), (token.State, token.CallCount));
        Assert.False(await after.TokenActions.AnyAsync());
    }
}
