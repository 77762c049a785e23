using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Counters;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>The README's promise: the demo clerk serves a patient from scan to printed slip.</summary>
public sealed partial class ScanToSlipTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDemoClerkRegistersAScannedPatientPrintsTheSlipAndCompletes()
    {
        var desk = await CounterDeskPage.OpenAsync(browser, "OPD-REG-1");
        await CounterDeskPage.WatchPrintingAsync(desk);
        await desk.ReloadAsync();
        await Expect(desk.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(desk.Locator("#desk-qr")).ToBeVisibleAsync();

        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        using var scan = await http.PostAsJsonAsync("/simulator/scan", new { counterCode = "OPD-REG-1" });
        scan.EnsureSuccessStatusCode();
        var share = desk.Locator(".incoming-share.fresh").First;
        await Expect(share).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var label = await share.GetAttributeAsync("data-share-token");
        Assert.Equal(1, await desk.EvaluateAsync<int>("window.scanShareChimes ?? 0"));

        await desk.Keyboard.PressAsync("F2");
        await Expect(desk.Locator("#current-token")).ToHaveTextAsync(label!);
        await desk.Keyboard.PressAsync("F6");
        var dialog = desk.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync($"Register {label}");
        await dialog.Locator("#reg-name").FillAsync("Corrected Name Sharma");
        await dialog.Locator("#reg-department").FillAsync("paed");
        await Expect(dialog).ToContainTextAsync("→ Paediatrics");
        await BrowserFixture.ScreenshotAsync(desk, "counter-register-1366x768");
        await dialog.Locator("#reg-save").ClickAsync();

        await Expect(desk.Locator("#current-registration")).ToContainTextAsync("Paediatrics");
        await Expect(desk.Locator("#current-registration")).ToContainTextAsync(new Regex(@"UHID UH\d{9}"));
        var uhid = UhidPattern().Match(await desk.Locator("#current-registration").InnerTextAsync()).Value;

        // Saving printed the slip from a hidden frame on the desk; the Slip button prints it again.
        await desk.WaitForFunctionAsync("() => (window.printedSlips ?? []).length === 1");
        await desk.Locator("#print-slip").ClickAsync();
        await desk.WaitForFunctionAsync("() => (window.printedSlips ?? []).length === 2");
        var printed = await desk.EvaluateAsync<string[]>("window.printedSlips");
        Assert.Single(desk.Context.Pages);
        // Each print seals the token id afresh, so the two addresses differ but name the same token.
        var slips = browser.App.Services.GetRequiredService<SlipLinks>();
        Assert.Equal(slips.TokenOf(printed[0]["/slip/".Length..]), slips.TokenOf(printed[1]["/slip/".Length..]));
        var slip = await desk.Context.NewPageAsync();
        await slip.GotoAsync(printed[0]);
        await Expect(slip.Locator("#slip .label")).ToHaveTextAsync(label!);
        await Expect(slip.Locator("#slip .patient")).ToHaveTextAsync("Corrected Name Sharma");
        await Expect(slip.Locator("#slip .uhid")).ToHaveTextAsync($"UHID {uhid}");
        await Expect(slip.Locator("#slip .department")).ToHaveTextAsync("Paediatrics");
        var pdf = await slip.PdfAsync(new PagePdfOptions { Path = Path.Combine(Artifacts.Directory("screenshots"), "slip-registered-80mm.pdf"), PreferCSSPageSize = true });
        Assert.Equal(1, PageObjects().Count(Encoding.Latin1.GetString(pdf)));
        await BrowserFixture.ScreenshotAsync(desk, "counter-registered-1366x768");

        await slip.CloseAsync();
        await desk.Keyboard.PressAsync("F8");
        await Expect(desk.Locator("#current-token")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TwoScreensOnOneCounterSeeEachOthersActionsAndAReloadShowsTheSameState()
    {
        var first = await CounterDeskPage.OpenAsync(browser, "LAB-1");
        var second = await CounterDeskPage.OpenAsync(browser, "LAB-1");

        await CounterDeskPage.IssueWalkInAsync(first, "Gopal Rao");
        await Expect(second.Locator("#waiting")).ToContainTextAsync("Gopal Rao");
        await first.Locator("#call-next").ClickAsync();
        await Expect(second.Locator("#current-token")).ToHaveTextAsync("L-001");

        await second.ReloadAsync();
        await Expect(second.Locator("#current-token")).ToHaveTextAsync("L-001");
        await Expect(second.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await second.Locator("#complete").ClickAsync();

        await Expect(first.Locator("#current-token")).ToHaveCountAsync(0);
        // A click replayed from a stale screen is refused by the engine, not applied twice.
        var token = browser.App.CreateDbContext().Tokens.Single(t => t.Label == "L-001");
        var replay = await browser.App.RunEngineAsync(async e => await Assert.ThrowsAsync<QueueRuleException>(() => e.CompleteAsync(token.Id)));
        Assert.Equal((QueueError.InvalidState, TokenState.Completed), (replay.Error, token.State));
    }

    [GeneratedRegex(@"UH\d{9}")]
    private static partial Regex UhidPattern();

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PageObjects();
}
