using Microsoft.Playwright;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

public sealed class AdminPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminAddsACounterAndAClerkWhoCanThenSignInThere()
    {
        var admin = await browser.NewSignedInPageAsync("admin");
        await admin.GotoAsync("/admin");
        await Expect(admin.Locator("#staff-table")).ToContainTextAsync("supervisor");
        await Expect(admin.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await admin.GetByRole(AriaRole.Tab, new() { Name = "Queues and counters" }).ClickAsync();
        await admin.Locator("#add-counter").ClickAsync();
        await admin.Locator("#counter-code").FillAsync("OPD-REG-3");
        await admin.Locator("#counter-name-field").FillAsync("Registration Counter 3");
        await SaveAndCloseAsync(admin);
        await Expect(admin.Locator("#counters-table")).ToContainTextAsync("Registration Counter 3");
        await BrowserFixture.ScreenshotAsync(admin, "admin-counters-1366x768");

        await admin.GetByRole(AriaRole.Tab, new() { Name = "Staff" }).ClickAsync();
        await admin.Locator("#add-staff").ClickAsync();
        await admin.Locator("#staff-username").FillAsync("clerk3");
        await admin.Locator("#staff-displayname").FillAsync("Nisha Patel");
        await admin.Locator("#staff-password").FillAsync("Short1!");
        await admin.Locator("#dialog-save").ClickAsync();
        await Expect(admin.Locator("[data-test=dialog-problem]").First).ToContainTextAsync("at least 8");
        await admin.Locator("#staff-password").FillAsync("Counter3@2026");
        await SaveAndCloseAsync(admin);
        await Expect(admin.Locator("#staff-table")).ToContainTextAsync("Nisha Patel");
        await BrowserFixture.ScreenshotAsync(admin, "admin-staff-1366x768");

        var clerk = await browser.NewPageAsync();
        await clerk.GotoAsync("/account/login");
        await clerk.Locator("#username").FillAsync("clerk3");
        await clerk.Locator("#password").FillAsync("Counter3@2026");
        await clerk.Locator("#counter").SelectOptionAsync(new SelectOptionValue { Label = "Registration Counter 3 (OPD-REG-3) · OPD Registration" });
        await clerk.Locator("#sign-in").ClickAsync();
        await Expect(clerk.Locator("#counter-name")).ToHaveTextAsync("Registration Counter 3", new() { Timeout = 10_000 });
    }

    /// <summary>Saves the open dialog and waits for it to close; if it stays open, fails with what it says.</summary>
    private static async Task SaveAndCloseAsync(IPage page)
    {
        var dialog = page.Locator(".mud-dialog");
        await page.Locator("#dialog-save").ClickAsync();
        try
        {
            await Expect(dialog).ToHaveCountAsync(0);
        }
        catch (PlaywrightException)
        {
            var says = await dialog.AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException($"The dialog stayed open: {string.Join(" | ", says)}");
        }
    }

    [Fact]
    public async Task AWrongPasswordIsToldPlainly()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync("clerk");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("#sign-in").ClickAsync();

        await Expect(page.Locator("#login-error")).ToHaveTextAsync(ScanShare.Web.Staff.StaffPasswordCheck.Failure);
        await BrowserFixture.ScreenshotAsync(page, "sign-in-1366x768");
    }
}
