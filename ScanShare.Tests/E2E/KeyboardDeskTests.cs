using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Microsoft.Playwright;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Counters;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>The desk at a real counter PC's viewport (1366×768 less the browser bar and taskbar), driven by keys alone.</summary>
public sealed class KeyboardDeskTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Width = 1366;
    private const int Height = 625;

    [Fact]
    public async Task FivePatientsInARowGoFromCallToPrintedSlipInAtMostFiveKeysEach()
    {
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            using var scan = await http.PostAsJsonAsync("/simulator/scan", new { counterCode = "OPD-REG-2", version = "v3" });
            scan.EnsureSuccessStatusCode();
        }

        var desk = await CounterDeskPage.OpenAsync(browser, "OPD-REG-2", "clerk2", Width, Height);
        await CounterDeskPage.WatchPrintingAsync(desk);
        await desk.ReloadAsync();
        await Expect(desk.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(desk.Locator("#waiting-count")).ToHaveTextAsync("Waiting (5)");
        var keys = new KeyCounter(desk);
        string[] departments = ["p", "e", "g", "or", "d"];
        string[] expected = ["Paediatrics", "ENT", "General Medicine", "Orthopaedics", "Dermatology"];

        var perPatient = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var before = keys.Count;
            await keys.PressAsync("F2");
            // Seniors (by the year of birth in the share) come first, so the order is the queue's, not the scans'.
            await Expect(desk.Locator("#current-token")).ToBeVisibleAsync();
            await keys.PressAsync("F6");
            await Expect(desk.Locator(".mud-dialog")).ToBeVisibleAsync();
            await Expect(desk.Locator("#reg-department")).ToBeFocusedAsync();
            await keys.TypeAsync(departments[i]);
            await Expect(desk.Locator(".mud-dialog")).ToContainTextAsync($"→ {expected[i]}");
            if (i == 0)
            {
                await BrowserFixture.ScreenshotAsync(desk, "desk-keyboard-register-1366x625");
            }

            await keys.PressAsync("Enter");
            await Expect(desk.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Expect(desk.Locator("#current-registration")).ToContainTextAsync(expected[i]);
            await desk.WaitForFunctionAsync($"() => (window.printedSlips ?? []).length === {i + 1}");
            perPatient.Add(keys.Count - before);
            if (i == 0)
            {
                await BrowserFixture.ScreenshotAsync(desk, "desk-keyboard-registered-1366x625");
            }

            await keys.PressAsync("F8");
            await Expect(desk.Locator("#current-token")).ToHaveCountAsync(0);
        }

        Assert.All(perPatient, count => Assert.InRange(count, 1, 5));
        var printed = await desk.EvaluateAsync<string[]>("window.printedSlips");
        var tokenIds = browser.App.CreateDbContext().Tokens.Where(t => t.Label.StartsWith("R-") && t.Department != null).OrderBy(t => t.RegisteredAt).Select(t => t.Id).ToList();
        var slips = browser.App.Services.GetRequiredService<SlipLinks>();
        Assert.Equal(tokenIds, printed.Select(url => slips.TokenOf(url["/slip/".Length..])!.Value));
        Assert.Single(desk.Context.Pages);
        Console.WriteLine($"Keys from call to printed slip per patient: {string.Join(", ", perPatient)}; with F8, {keys.Count} keys for 5 patients.");
    }

    [Fact]
    public async Task AFunctionKeyPressedWhileTheRegistrationIsOpenLeavesTheTokenBehindItAlone()
    {
        var lab = await browser.App.QueueIdAsync("lab");
        var issued = await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(lab, TokenSource.WalkIn)));
        var desk = await CounterDeskPage.OpenAsync(browser, "LAB-1", "clerk", Width, Height);
        await CounterDeskPage.IssueWalkInAsync(desk, "Gopal Rao", "Male");
        await desk.Keyboard.PressAsync("F2");
        await Expect(desk.Locator("#current-token")).ToHaveTextAsync(issued.Token.Label);
        await CompleteAsync(desk);
        await desk.Keyboard.PressAsync("F2");
        await Expect(desk.Locator("#current-token")).ToHaveTextAsync("L-002");

        await desk.Keyboard.PressAsync("F6");
        await Expect(desk.Locator(".mud-dialog")).ToBeVisibleAsync();
        foreach (var key in new[] { "F8", "F9", "F4", "F2", "F6" })
        {
            await desk.Keyboard.PressAsync(key);
        }

        await Expect(desk.Locator(".mud-dialog")).ToBeVisibleAsync();
        var token = browser.App.CreateDbContext().Tokens.Single(t => t.Label == "L-002");
        Assert.Equal((TokenState.Called, 1), (token.State, token.CallCount));
    }

    private static async Task CompleteAsync(IPage desk)
    {
        await desk.Keyboard.PressAsync("F8");
        await Expect(desk.Locator("#current-token")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task With80WaitingThePageDoesNotGrowAndNowServingAndTheKeysStayInView()
    {
        var registration = await browser.App.QueueIdAsync("registration");
        for (var i = 0; i < 80; i++)
        {
            await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));
        }

        var desk = await CounterDeskPage.OpenAsync(browser, "OPD-REG-1", "clerk", Width, Height);
        await Expect(desk.Locator("#waiting-count")).ToContainTextAsync("(8");
        await desk.Keyboard.PressAsync("F2");
        await Expect(desk.Locator("#current-token")).ToBeVisibleAsync();
        await desk.Locator("#waiting-scroll").EvaluateAsync("e => e.scrollTop = e.scrollHeight");

        var page = await desk.EvaluateAsync<int[]>("[document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth]");
        Assert.True(page[0] <= page[1], $"The page is {page[0]} px high in a {page[1]} px window.");
        Assert.True(page[2] <= page[3], $"The page is {page[2]} px wide in a {page[3]} px window.");
        foreach (var selector in new[] { "#current-token", "#call-next", "#complete", "#register", "#desk-keys", "#waiting-search", "#shares-search" })
        {
            var box = await desk.Locator(selector).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y >= 0 && box.Y + box.Height <= Height && box.X >= 0 && box.X + box.Width <= Width, $"{selector} is out of view: {box.X},{box.Y} {box.Width}×{box.Height}");
        }

        var scroll = await desk.Locator("#waiting-scroll").EvaluateAsync<int[]>("e => [e.scrollHeight, e.clientHeight]");
        Assert.True(scroll[0] > scroll[1], "80 waiting should scroll inside their panel");
        await BrowserFixture.ScreenshotAsync(desk, "desk-80-waiting-1366x625");
    }

    /// <summary>Presses keys on the page and counts them, as a clerk's fingers would.</summary>
    private sealed class KeyCounter(IPage page)
    {
        public int Count { get; private set; }

        public async Task PressAsync(string key)
        {
            Count++;
            await page.Keyboard.PressAsync(key);
        }

        public async Task TypeAsync(string text)
        {
            foreach (var c in text)
            {
                await PressAsync(c.ToString());
            }
        }
    }
}
