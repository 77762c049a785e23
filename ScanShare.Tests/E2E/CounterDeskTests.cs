using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed partial class CounterDeskTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AClerkSeesAScanArriveServesAWalkInWithTheKeyboardAndCompletes()
    {
        var desk = await CounterDeskPage.OpenAsync(browser, "OPD-REG-1");

        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        using var scan = await http.PostAsJsonAsync("/simulator/scan", new { counterCode = "OPD-REG-1" });
        scan.EnsureSuccessStatusCode();
        await Expect(desk.Locator(".incoming-share").First).ToContainTextAsync(Masked(), new() { Timeout = 10_000 });
        var scannedLabel = await desk.Locator(".incoming-share").First.GetAttributeAsync("data-share-token");

        await desk.Locator("input#walkin-name, #walkin-name input").FillAsync("Kamla Bai");
        await desk.Locator("input#walkin-age, #walkin-age input").FillAsync("67");
        await desk.Locator("#walkin-issue").ClickAsync();
        await Expect(desk.Locator("#walkin-form")).ToContainTextAsync("Choose the gender");
        await desk.Locator("#walkin-gender").GetByText("Female", new() { Exact = true }).ClickAsync();
        await desk.Locator("#walkin-issue").ClickAsync();
        await Expect(desk.Locator("#waiting")).ToContainTextAsync("Kamla Bai");
        // 67 years old: the seniors' lane without anyone choosing it, so she is called before the earlier scan.
        await Expect(desk.Locator("#waiting tr[data-priority=SeniorCitizen]").Filter(new() { HasText = "Kamla Bai" })).ToHaveCountAsync(1);
        // The scanned patient is made up, and may be a senior too: then they came first.
        var scannedIsSenior = await desk.Locator($"#waiting tr[data-token='{scannedLabel}']").GetAttributeAsync("data-priority") == "SeniorCitizen";
        var (first, second) = scannedIsSenior ? (scannedLabel!, "R-002") : ("R-002", scannedLabel!);
        await BrowserFixture.ScreenshotAsync(desk, "counter-1366x768");

        await desk.Keyboard.PressAsync("F2");
        await Expect(desk.Locator("#current-token")).ToHaveTextAsync(first);
        await desk.Keyboard.PressAsync("F8");
        await Expect(desk.Locator("#current-token")).ToHaveCountAsync(0);
        await desk.Locator("#call-next").ClickAsync();
        await Expect(desk.Locator("#current-token")).ToHaveTextAsync(second);
        await BrowserFixture.ScreenshotAsync(desk, "counter-serving-1366x768");
    }

    [GeneratedRegex(@"XX-XXXX-XXXX-\d{4}")]
    private static partial Regex Masked();
}
