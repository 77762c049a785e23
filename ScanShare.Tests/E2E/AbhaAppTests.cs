using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed partial class AbhaAppTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ARegisteredVisitOfAScannedPatientAppearsInTheirSimulatedAbhaApp()
    {
        var simulator = await browser.NewPageAsync(1366, 900);
        await simulator.GotoAsync("/simulator");
        await Expect(simulator.Locator("[data-links-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(simulator.Locator("#sim-abha-app")).ToContainTextAsync("No visit linked yet");

        await simulator.Locator("#sim-scan").ClickAsync();
        await Expect(simulator.Locator("#sim-app-token")).ToHaveTextAsync(RegistrationToken(), new() { Timeout = 15_000 });
        var (tokenId, abhaAddress) = await LatestShareAsync();
        var uhid = await new LinkingDesk(browser.App).RegisterAsync(tokenId, "General Medicine");

        var account = simulator.Locator($"[data-abha-address='{abhaAddress}']");
        await Expect(account).ToContainTextAsync("General Medicine", new() { Timeout = 15_000 });
        await Expect(account).ToContainTextAsync(uhid);
        await Expect(account).ToContainTextAsync("District Hospital Demo");
        await Expect(account.Locator("[data-care-context]")).ToContainTextAsync("New record", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(simulator, "simulator-abha-app-linked-visit");
    }

    private async Task<(long TokenId, string AbhaAddress)> LatestShareAsync()
    {
        await using var db = browser.App.CreateDbContext();
        var share = await db.ShareRecords.OrderByDescending(s => s.Id).FirstAsync();
        var address = await db.Patients.Where(p => p.Id == share.PatientId).Select(p => p.AbhaAddress).SingleAsync();
        return (share.TokenId!.Value, address!);
    }

    [GeneratedRegex(@"^R-\d{3}$")]
    private static partial Regex RegistrationToken();
}
