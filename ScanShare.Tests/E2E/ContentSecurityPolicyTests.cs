using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ScanShare.Core.Facilities;
using ScanShare.Tests.Support;
using ScanShare.Web.Counters;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>
/// Every page under the app's content security policy, in Chromium: anything the policy blocks (an inline script, a
/// style, a frame, a connection) is reported on the console, so none may be; nor may any script fail.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string TvUrl = $"/tv/{DemoFacility.HipId}/opd-hall?key={DemoFacility.DisplayKey}";

    private readonly ConcurrentQueue<string> _problems = new();

    [Fact]
    public async Task NoPageBreaksThePolicyWhileItIsUsed()
    {
        var visitor = Watched(await browser.NewPageAsync());
        await VisitAsync(visitor, "/account/login", "#username");
        await VisitAsync(visitor, "/account/access-denied", "body");
        await VisitAsync(visitor, "/simulator", "#sim-scan");
        var tv = Watched(await browser.NewPageAsync(1920, 1080));
        await VisitAsync(tv, TvUrl, "[data-live=true]");

        // The desk: live updates, function keys, the chime, printing a slip; the TV announces the call. Printing is
        // counted instead of opening a print dialog, in every page and frame of the desk's browser.
        var desk = Watched(await CounterDeskPage.OpenAsync(browser, "OPD-REG-1"));
        await desk.Context.AddInitScriptAsync("window.print = () => { window.printed = (window.printed ?? 0) + 1; };");
        await CounterDeskPage.IssueWalkInAsync(desk, "Lakshmi Narayan");
        await desk.Keyboard.PressAsync("F2");
        await Expect(desk.Locator("#current-token")).ToContainTextAsync("R-");
        await Expect(tv.Locator("#now-calling")).ToContainTextAsync("Registration Counter 1");
        await desk.Locator("#print-slip").ClickAsync();
        await desk.WaitForFunctionAsync("() => document.getElementById('slip-frame')?.contentWindow?.printed === 1");

        // The slip page on its own, and its print button.
        var tokenId = await browser.App.CreateDbContext().Tokens.Where(t => t.CalledAt != null).Select(t => t.Id).SingleAsync();
        await VisitAsync(desk, browser.App.Services.GetRequiredService<SlipLinks>().For(tokenId), "#slip");
        await desk.Locator("#print-slip").ClickAsync();
        await desk.WaitForFunctionAsync("() => (window.printed ?? 0) >= 1");
        var slipPrinted = await desk.EvaluateAsync<int>("() => window.printed ?? 0");
        await VisitAsync(desk, $"/poster/{DemoFacility.HipId}/OPD-REG-1", "#poster-qr");

        var admin = Watched(await browser.NewSignedInPageAsync("admin"));
        foreach (var (path, ready) in new[]
        {
            ("/", "#facility-name"), ("/counter", "body"), ("/display", "#display-links"), ("/supervisor", "#report-figures"),
            ("/not-found", "body"), ("/Error", "body"), ("/admin", "#staff-table"),
        })
        {
            await VisitAsync(admin, path, ready);
        }

        // A MudBlazor dialog: its own inline styles and focus handling.
        await admin.Locator("#add-staff").ClickAsync();
        await Expect(admin.Locator(".mud-dialog #staff-username")).ToBeVisibleAsync();

        Assert.True(_problems.IsEmpty, string.Join(Environment.NewLine, _problems));
        Assert.Equal(1, slipPrinted);
    }

    [Fact]
    public async Task AnInlineScriptIsBlockedAndReported()
    {
        var page = Watched(await browser.NewPageAsync());
        await VisitAsync(page, "/account/login", "#username");

        var ran = await page.EvaluateAsync<bool>(
            "() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); return window.inlineRan === true; }");

        Assert.False(ran);
        Assert.True(await Eventually.TrueAsync(
            () => Task.FromResult(_problems.Any(p => p.Contains("Content Security Policy", StringComparison.Ordinal))), TimeSpan.FromSeconds(10)),
            "The blocked inline script was not reported.");
    }

    private IPage Watched(IPage page)
    {
        page.Console += (_, message) =>
        {
            // Chromium reports each blocked script, style, frame or connection on the console, naming the policy.
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.StartsWith("Refused to", StringComparison.Ordinal))
            {
                _problems.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"{page.Url}: {error}");
        return page;
    }

    private static async Task VisitAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator(ready).First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
