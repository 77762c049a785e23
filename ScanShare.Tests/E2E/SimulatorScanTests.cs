using System.Text.RegularExpressions;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed partial class SimulatorScanTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ScanningACounterQrPutsTheTokenInTheAppAndOnTheFacilityScreens()
    {
        var today = await browser.NewSignedInPageAsync("supervisor");
        await today.GotoAsync("/");
        await Expect(today.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var simulator = await browser.NewPageAsync(1366, 768);
        await simulator.GotoAsync("/simulator");
        await Expect(simulator.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(simulator.Locator("#sim-abha-number")).ToHaveTextAsync(AbhaNumber());

        await simulator.Locator("#sim-scan").ClickAsync();

        await Expect(simulator.Locator("#sim-app-token")).ToHaveTextAsync(RegistrationToken(), new() { Timeout = 15_000 });
        await Expect(simulator.Locator("#sim-callbacks")).ToContainTextAsync("SUCCESS");
        await BrowserFixture.ScreenshotAsync(simulator, "simulator-1366x768");
        await Expect(today.Locator("[data-queue=registration] [data-figure=Waiting]")).ToHaveTextAsync("1", new() { Timeout = 5_000 });
        await BrowserFixture.ScreenshotAsync(today, "home-after-scan-1366x768");
    }

    [GeneratedRegex(@"^R-\d{3}$")]
    private static partial Regex RegistrationToken();

    [GeneratedRegex(@"^91-\d{4}-\d{4}-\d{4}$")]
    private static partial Regex AbhaNumber();
}
