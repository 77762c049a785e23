using ScanShare.Core.Facilities;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed class TokenDisplayTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string TvUrl = $"/tv/{DemoFacility.HipId}/opd-hall?key={DemoFacility.DisplayKey}";

    [Fact]
    public async Task ACallAtTheCounterShowsOnTheTvWithinASecondAndIsAnnouncedInEnglishAndHindi()
    {
        var tv = await browser.NewPageAsync(1920, 1080);
        await tv.AddInitScriptAsync("window.spoken = []; window.scanShareSpeechHook = (text, lang) => window.spoken.push(lang + '|' + text);");
        await tv.GotoAsync(TvUrl);
        await Expect(tv.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var desk = await CounterDeskPage.OpenAsync(browser, "OPD-REG-2", "clerk2");
        await CounterDeskPage.IssueWalkInAsync(desk, "Sunita Devi");
        await Expect(tv.Locator("[data-next-queue]").First).ToContainTextAsync("R-001");

        await desk.Locator("#call-next").ClickAsync();

        // The other tests of this class may have left calls of their own on the board: find this one by its number.
        var call = tv.Locator("#now-calling .tv-call", new() { HasText = "R-001" });
        await Expect(call).ToBeVisibleAsync(new() { Timeout = 1_000 });
        await Expect(call).ToContainTextAsync("Registration Counter 2");
        await Expect(call).ToContainTextAsync("Sunita D.");
        await tv.WaitForFunctionAsync("() => window.spoken.length >= 2", null, new() { Timeout = 15_000 });
        var spoken = await tv.EvaluateAsync<string[]>("window.spoken");
        Assert.Equal(["en-IN|Token R 1, Registration Counter 2", "hi-IN|टोकन आर 1, पंजीकरण काउंटर 2"], spoken);
        var overflows = await tv.EvaluateAsync<bool>("document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight");
        Assert.False(overflows);
        await BrowserFixture.ScreenshotAsync(tv, "tv-1920x1080");
    }

    [Fact]
    public async Task AfterAServerRestartTheTvReconnectsByItselfAndShowsNewCallsWithoutAnErrorBanner()
    {
        var tv = await browser.NewPageAsync(1920, 1080);
        await tv.GotoAsync(TvUrl);
        await Expect(tv.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await browser.RestartAppAsync();
        var lab = await browser.App.QueueIdAsync("lab");
        var counter = browser.App.CreateDbContext().Counters.Single(c => c.Code == "LAB-1").Id;
        await browser.App.RunEngineAsync(e => e.IssueAsync(new ScanShare.Core.Queueing.IssueTokenRequest(lab, ScanShare.Core.Queueing.TokenSource.WalkIn)));

        // The old circuit died with the server: the page reloads itself from the new one and is live again.
        await Expect(tv.Locator("[data-next-queue]").Last).ToContainTextAsync("L-", new() { Timeout = 45_000 });
        await Expect(tv.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await browser.App.RunEngineAsync(e => e.CallNextAsync(counter));
        await Expect(tv.Locator("#now-calling")).ToContainTextAsync("Lab Counter 1", new() { Timeout = 5_000 });
        await Expect(tv.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("?key=wrong-key-wrong-key")]
    public async Task AWrongOrMissingKeyIsRefused(string query)
    {
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };

        using var response = await http.GetAsync($"/tv/{DemoFacility.HipId}/opd-hall{query}");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("display-refused", html);
        Assert.DoesNotContain("now-calling", html);
    }
}
