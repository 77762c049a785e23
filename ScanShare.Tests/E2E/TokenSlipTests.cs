using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScanShare.Core.Queueing;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;
using ScanShare.Web.Counters;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed partial class TokenSlipTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("", "slip-80mm", 80.0)]
    [InlineData("?size=a5", "slip-a5", 148.0)]
    public async Task TheSlipShowsTheTokenAndPrintsOnOnePageOfItsPaper(string query, string name, double widthMm)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var counter = await browser.App.CreateDbContext().Counters.FindAsync(1);
        var token = await scope.ServiceProvider.GetRequiredService<WalkInRegistration>()
            .RegisterAsync(counter!.Id, new WalkIn("Kamla Bai", Gender.F, 1958, null, PriorityLane.SeniorCitizen));
        var page = await browser.NewSignedInPageAsync("clerk", 1366, 768);

        await page.GotoAsync($"{browser.App.Services.GetRequiredService<SlipLinks>().For(token.Id)}{query}");

        await Expect(page.Locator("#slip .label")).ToHaveTextAsync(token.Label);
        await Expect(page.Locator("#slip .patient")).ToHaveTextAsync("Kamla Bai");
        await Expect(page.Locator("#slip .facility")).ToHaveTextAsync("District Hospital Demo");
        await Expect(page.Locator("#slip .qr svg")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, name);
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new PagePdfOptions
        {
            Path = Path.Combine(Artifacts.Directory("screenshots"), $"{name}.pdf"),
            PreferCSSPageSize = true,
        }));

        Assert.Single(PageObjects().Matches(pdf));
        var box = MediaBox().Match(pdf);
        var width = double.Parse(box.Groups["w"].Value, CultureInfo.InvariantCulture) - double.Parse(box.Groups["x"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(width / 72 * 25.4, widthMm - 1, widthMm + 1);
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PageObjects();

    [GeneratedRegex(@"/MediaBox\s*\[\s*(?<x>[\d.]+)\s+[\d.]+\s+(?<w>[\d.]+)\s+[\d.]+\s*\]")]
    private static partial Regex MediaBox();
}
