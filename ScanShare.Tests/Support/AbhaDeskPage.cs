using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.Support;

/// <summary>A counter's ABHA desk, as the browser tests drive it.</summary>
public static class AbhaDeskPage
{
    public const string CardQr = """{"hidn":"91-5417-6573-4186","hid":"sunita.devi@sbx","name":"Sunita Devi","gender":"F","statelgd":"9","distlgd":"162","dob":"14/8/1979","address":"H.No. 12, Gali 4, Aliganj","district_name":"Lucknow","mobile":"9450012345","state name":"Uttar Pradesh"}""";

    /// <summary>Signs the demo clerk in at the counter and opens its ABHA desk with the scanner armed.</summary>
    public static async Task<IPage> OpenAsync(BrowserFixture browser, string counterCode = "OPD-REG-1", IBrowser? inBrowser = null)
    {
        var page = inBrowser is null ? await browser.NewPageAsync() : await NewPageAsync(browser, inBrowser);
        await StaffSignIn.SignInAsync(page, "clerk", counterCode);
        await page.GotoAsync($"/counter/IN0710000123/{counterCode}/abha");
        await Expect(page.Locator("#abha-desk-panel[data-wedge=on]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return page;
    }

    /// <summary>Types like a USB scanner: every character as a real key press, as fast as the browser takes them, then Enter.</summary>
    public static async Task ScanAsync(IPage page, string text)
    {
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>
    /// Scans, and once more if no profile opened, as a clerk does: the test browser's key presses can stall for longer
    /// than a scanner's when the machine is busy with other tests. A wedge that never takes a burst still fails.
    /// </summary>
    public static async Task ScanUntilProfileAsync(IPage page, string text, Func<Task>? beforeAgain = null)
    {
        await ScanAsync(page, text);
        try
        {
            await Expect(page.Locator("#abha-profile-dialog")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            if (beforeAgain is not null)
            {
                await beforeAgain();
            }

            await ScanAsync(page, text);
        }
    }

    private static async Task<IPage> NewPageAsync(BrowserFixture browser, IBrowser inBrowser)
    {
        var context = await inBrowser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-IN",
            TimezoneId = "Asia/Kolkata",
        });
        return await context.NewPageAsync();
    }
}
