using Microsoft.Playwright;

namespace ScanShare.Bench.Live;

/// <summary>
/// TV and desk pages in one headless Chromium (the system's): each page is a real Blazor Server circuit, exactly what a
/// waiting hall's screen or a counter's desk holds open on the server. Set CHROMIUM_PATH to use another Chromium.
/// </summary>
public sealed class BrowserScreens : IAsyncDisposable
{
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IPage> _pages = [];

    private BrowserScreens(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserScreens> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserScreens(playwright, browser);
    }

    /// <summary>Opens the pages a few at a time, in one browser context (one set of cookies); a page counts once it shows it is live.</summary>
    /// <param name="pageAt">The address of the i-th page.</param>
    /// <param name="cookies">The cookies of a signed-in member of staff, for pages that need one.</param>
    /// <returns>How many pages went live.</returns>
    public async Task<int> OpenAsync(Func<int, Uri> pageAt, int count, string what, TextWriter progress, IEnumerable<Cookie>? cookies = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 640, Height = 360 } });
        if (cookies is not null)
        {
            await context.AddCookiesAsync(cookies);
        }

        var live = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var page = await context.NewPageAsync();
            lock (_pages)
            {
                _pages.Add(page);
            }

            try
            {
                await page.GotoAsync(pageAt(i).ToString());
                await page.Locator("[data-live=true]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                if (Interlocked.Increment(ref live) % 25 == 0)
                {
                    progress.WriteLine($"  {live} {what} live");
                }
            }
            catch (PlaywrightException)
            {
                // Counted as not live; the report says how many were.
            }
        });
        return live;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
