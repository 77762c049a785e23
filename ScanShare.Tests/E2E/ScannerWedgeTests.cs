using Microsoft.Playwright;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>The keyboard-wedge scanner module in Chromium, with real key presses: a burst is a scan, a person is not.</summary>
public sealed class ScannerWedgeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SlipQr = "IN0710000123/2026-11-26/R-017";

    [Fact]
    public async Task ABurstEndingInEnterOpensTheScannedProfileWithoutClickingAField()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);

        await AbhaDeskPage.ScanUntilProfileAsync(page, AbhaDeskPage.CardQr);

        await Expect(page.Locator("#abha-name")).ToHaveTextAsync("Sunita Devi");
        await Expect(page.Locator("#abha-unverified")).ToContainTextAsync("Not verified");
    }

    [Fact]
    public async Task APersonTypingInAFieldKeepsWhatTheyTypedAndTheirEnter()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);
        await AddProbeFieldAsync(page);
        await page.Locator("#probe").FocusAsync();

        await page.Keyboard.TypeAsync("Sunita Devi, Aliganj, 9450012345", new() { Delay = 70 });
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#probe")).ToHaveValueAsync("Sunita Devi, Aliganj, 9450012345");
        Assert.Equal(["Enter:false"], await page.EvaluateAsync<string[]>("window.probeEnters"));
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnotherCodeScannedIntoAFieldIsLeftToTheField()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);
        await AddProbeFieldAsync(page);
        await page.Locator("#probe").FocusAsync();

        await AbhaDeskPage.ScanAsync(page, SlipQr);

        await Expect(page.Locator("#probe")).ToHaveValueAsync(SlipQr);
        Assert.Equal(["Enter:false"], await page.EvaluateAsync<string[]>("window.probeEnters"));
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnAbhaQrScannedIntoAFieldIsTakenAndTheFieldGetsBackWhatItHeld()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);
        await AddProbeFieldAsync(page);
        await page.Locator("#probe").FillAsync("Sunita");

        await AbhaDeskPage.ScanUntilProfileAsync(page, AbhaDeskPage.CardQr, beforeAgain: () => page.Locator("#probe").FillAsync("Sunita"));

        await Expect(page.Locator("#abha-name")).ToHaveTextAsync("Sunita Devi");
        await Expect(page.Locator("#probe")).ToHaveValueAsync("Sunita");
        Assert.Empty(await page.EvaluateAsync<string[]>("window.probeEnters"));
    }

    [Fact]
    public async Task FunctionKeysReachTheDeskUntouchedEvenInTheMiddleOfAScan()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);
        await page.EvaluateAsync("""
            window.deskKeys = [];
            document.addEventListener("keydown", e => { if (/^F\d+$/.test(e.key)) window.deskKeys.push(e.key + ":" + e.defaultPrevented); });
            """);

        await page.Keyboard.PressAsync("F2");
        await page.Keyboard.TypeAsync(AbhaDeskPage.CardQr[..40]);
        await page.Keyboard.PressAsync("F8");
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal(["F2:false", "F8:false"], await page.EvaluateAsync<string[]>("window.deskKeys"));
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    /// <summary>A text field like the desk's own (search, walk-in name), watching the Enter presses that reach it.</summary>
    private static Task AddProbeFieldAsync(IPage page) => page.EvaluateAsync("""
        const probe = document.createElement("input");
        probe.id = "probe";
        probe.style.width = "40rem";
        window.probeEnters = [];
        probe.addEventListener("keydown", e => { if (e.key === "Enter") window.probeEnters.push("Enter:" + e.defaultPrevented); });
        document.querySelector("#abha-desk-panel").after(probe);
        """);
}
