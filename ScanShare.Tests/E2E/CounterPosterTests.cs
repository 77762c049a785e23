using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed partial class CounterPosterTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThePosterShowsTheCounterAndItsQrAndPrintsOnOneA4Page()
    {
        var page = await browser.NewSignedInPageAsync("clerk", 1366, 768);
        await page.GotoAsync("/poster/IN0710000123/OPD-REG-1");

        await Expect(page.Locator(".poster .counter")).ToHaveTextAsync("Registration Counter 1");
        await Expect(page.Locator(".poster h1")).ToHaveTextAsync("Scan with the ABHA app to get your token");
        await page.WaitForFunctionAsync("() => document.querySelector('#poster-qr').complete && document.querySelector('#poster-qr').naturalWidth > 0");
        await BrowserFixture.ScreenshotAsync(page, "poster-1366x768");

        var pdfPath = Path.Combine(Artifacts.Directory("screenshots"), "poster.pdf");
        var pdf = await page.PdfAsync(new PagePdfOptions { Path = pdfPath, PreferCSSPageSize = true, PrintBackground = true });

        Assert.Equal(1, PageObjects().Count(Encoding.Latin1.GetString(pdf)));
    }

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PageObjects();
}
