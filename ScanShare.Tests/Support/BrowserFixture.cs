using Microsoft.Playwright;

namespace ScanShare.Tests.Support;

/// <summary>
/// The app on a loopback port and one headless Chromium (the system's, since browsers cannot be downloaded at test
/// time), shared by the tests of a class. Set CHROMIUM_PATH to use another Chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    // The suite runs test classes in parallel; on a two-core machine the browsers and servers share them.
    static BrowserFixture() => Assertions.SetDefaultExpectTimeout(10_000);

    public ScanShareAppFactory App { get; private set; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BaseAddress = App.UseRealServer();
        await LaunchAsync();
    }

    /// <summary>Stops the app and starts it again on the same port, files and database, as after a server restart.</summary>
    public async Task RestartAppAsync()
    {
        var restarted = App.Restarted();
        await App.DisposeAsync();
        restarted.UseRealServer(BaseAddress.Port);
        App = restarted;
    }

    private async Task LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>The system's Chromium, headless.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });

    /// <summary>A fresh browser context (its own cookies and storage) with a page of the given size.</summary>
    public Task<IPage> NewPageAsync(int width = 1366, int height = 768) => NewPageAsync(Browser, BaseAddress, width, height);

    /// <summary>A fresh browser context on the app at <paramref name="baseAddress"/>, in India's locale and time zone.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri baseAddress, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-IN",
            TimezoneId = "Asia/Kolkata",
        });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in as one of the demo accounts.</summary>
    public async Task<IPage> NewSignedInPageAsync(string userName, int width = 1366, int height = 768)
    {
        var page = await NewPageAsync(width, height);
        await StaffSignIn.SignInAsync(page, userName);
        return page;
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots at the repository root.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Artifacts.Directory("screenshots"), $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
