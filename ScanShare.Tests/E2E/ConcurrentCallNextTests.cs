using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed class ConcurrentCallNextTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TwoClerksPressingCallNextAtOnceGetDifferentTokens()
    {
        var first = await CounterDeskPage.OpenAsync(browser, "OPD-REG-1");
        var second = await CounterDeskPage.OpenAsync(browser, "OPD-REG-2");
        await CounterDeskPage.IssueWalkInAsync(first, "Patient One");
        await CounterDeskPage.IssueWalkInAsync(first, "Patient Two");
        await Expect(second.Locator("#waiting tr")).ToHaveCountAsync(2);

        await Task.WhenAll(first.Locator("#call-next").ClickAsync(), second.Locator("#call-next").ClickAsync());

        await Expect(first.Locator("#current-token")).ToBeVisibleAsync();
        await Expect(second.Locator("#current-token")).ToBeVisibleAsync();
        var called = new[] { await first.Locator("#current-token").InnerTextAsync(), await second.Locator("#current-token").InnerTextAsync() };
        Assert.Equal(["R-001", "R-002"], called.Order());
        await Expect(first.Locator("#waiting tr")).ToHaveCountAsync(0);
    }
}
