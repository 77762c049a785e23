using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.Support;

/// <summary>The clerk's counter screen, as the browser tests drive it.</summary>
public static class CounterDeskPage
{
    /// <summary>
    /// Signs a clerk in at the counter, which takes them straight to its screen. Slips it prints are recorded rather than
    /// sent to headless Chromium's own print, which can hold the page's key events for a while (a counter PC prints
    /// silently to its thermal printer).
    /// </summary>
    public static async Task<IPage> OpenAsync(BrowserFixture browser, string code, string userName = "clerk", int width = 1366, int height = 768) =>
        await OpenAsync(await browser.NewPageAsync(width, height), code, userName);

    /// <summary>As above, in a page of the caller's (e.g. on one of several app instances).</summary>
    public static async Task<IPage> OpenAsync(IPage page, string code, string userName)
    {
        await WatchPrintingAsync(page);
        await StaffSignIn.SignInAsync(page, userName, code);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/counter/IN0710000123/{code}$"));
        await Expect(page.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        return page;
    }

    public static async Task IssueWalkInAsync(IPage desk, string name, string gender = "Female")
    {
        await desk.Locator("input#walkin-name, #walkin-name input").FillAsync(name);
        await desk.Locator("#walkin-gender").GetByText(gender, new() { Exact = true }).ClickAsync();
        await desk.Locator("#walkin-issue").ClickAsync();
        await Expect(desk.Locator("#waiting")).ToContainTextAsync(name);
    }

    /// <summary>Records the slips a page prints (in any frame) in <c>window.printedSlips</c> of the desk instead of opening the print dialog.</summary>
    public static Task WatchPrintingAsync(IPage desk) => desk.AddInitScriptAsync(
        "window.print = () => { const top = window.top; top.printedSlips = (top.printedSlips ?? []).concat(location.pathname); };");
}
