using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator.Abha;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>The issue's promise: a patient without Scan and Share gets an ABHA-linked token at the desk, by card QR or OTP.</summary>
public sealed class AbhaDeskTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AClerkScansACardChecksItIssuesATokenAndPrintsTheSlipWithTheAbhaAddress()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);

        await AbhaDeskPage.ScanUntilProfileAsync(page, AbhaDeskPage.CardQr);
        await Expect(page.Locator("#abha-name")).ToHaveTextAsync("Sunita Devi");
        await Expect(page.Locator("#abha-issue")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "abha-scan-dialog-1366x768");
        await page.GetByText("I have checked these details with the patient").ClickAsync();
        await page.Locator("#abha-issue").ClickAsync();

        var row = page.Locator("#abha-issued tr").First;
        await Expect(row).ToContainTextAsync("ABHA QR at the desk");
        var label = await row.GetAttributeAsync("data-token");
        var slipOpened = page.Context.WaitForPageAsync();
        await row.Locator(".abha-slip").ClickAsync();
        var slip = await slipOpened;
        await Expect(slip.Locator("#slip .label")).ToHaveTextAsync(label!);
        await Expect(slip.Locator("#slip .details")).ToContainTextAsync("sunita.devi@sbx");
    }

    [Fact]
    public async Task AScannedAppQrIsVerifiedWithTheOtpTheSimulatorShowsAfterAWrongOne()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);
        var phone = await browser.NewPageAsync();
        await phone.GotoAsync("/simulator");
        await Expect(phone.Locator("#sim-abha[data-otps-live=true]")).ToBeVisibleAsync();

        var irfan = browser.App.Services.GetRequiredService<SimulatedAbhaDirectory>().ByNumber("91-2210-4433-8765")!;
        await AbhaDeskPage.ScanUntilProfileAsync(page, irfan.AppQr());
        await Expect(page.Locator("#abha-unverified")).ToContainTextAsync("ABHA app QR");
        await page.Locator("#abha-verify-otp").ClickAsync();
        await Expect(page.Locator("#otp-login-id")).ToHaveValueAsync("91-2210-4433-8765");
        await page.Locator("#otp-next").ClickAsync();
        await Expect(page.Locator("#otp-sent")).ToContainTextAsync("OTP is sent to mobile number ending with ******2345");
        var otp = (await phone.Locator(".sim-otp-value").First.InnerTextAsync()).Trim();
        await page.Locator("#otp-value").FillAsync(otp == "123456" ? "654321" : "123456");
        await page.Locator("#otp-next").ClickAsync();
        await Expect(page.Locator("#otp-problem")).ToHaveTextAsync("The OTP is not right. Ask the patient to read it again.");
        await page.Locator("#otp-value").FillAsync(otp);
        await Expect(page.Locator("#otp-next")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "abha-otp-dialog-1366x768");
        await phone.Locator("#sim-abha").ScreenshotAsync(new() { Path = Path.Combine(Artifacts.Directory("screenshots"), "simulator-abha-otp.png") });
        await page.Locator("#otp-next").ClickAsync();

        await Expect(page.Locator("#abha-verified")).ToBeVisibleAsync();
        await page.Locator("#abha-issue").ClickAsync();
        await Expect(page.Locator("#abha-issued tr").First).ToContainTextAsync("ABHA verified by OTP");
    }

    [Fact]
    public async Task AFamilysMobileListsItsAbhasAndTheChosenOneGetsTheToken()
    {
        var page = await AbhaDeskPage.OpenAsync(browser);

        await page.Locator("#abha-otp").ClickAsync();
        await page.Locator(".mud-select:has(#otp-hint) .mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "mobile (10 digits)" }).ClickAsync();
        await page.Locator("#otp-login-id").FillAsync(SimulatedAbhaDirectory.FamilyMobile);
        await page.Locator("#otp-next").ClickAsync();
        await Expect(page.Locator("#otp-sent")).ToBeVisibleAsync();
        await page.Locator("#otp-value").FillAsync(LatestOtp());
        await page.Locator("#otp-next").ClickAsync();
        await Expect(page.Locator(".otp-account")).ToHaveCountAsync(3);
        await page.Locator(".otp-account").Filter(new() { HasText = "Pooja Yadav" }).ClickAsync();
        await page.Locator("#otp-next").ClickAsync();

        await Expect(page.Locator("#abha-name")).ToHaveTextAsync("Pooja Yadav");
        await Expect(page.Locator("#abha-verified")).ToBeVisibleAsync();
        await page.Locator("#abha-issue").ClickAsync();
        await Expect(page.Locator("#abha-issued tr").First).ToContainTextAsync("ABHA verified by OTP");
    }

    [Fact]
    public async Task AReturningWalkInIsRecognizedWhenTheirCardIsScannedAndKeepsTheirUhid()
    {
        await using (var db = browser.App.CreateDbContext())
        {
            db.Patients.Add(new Patient
            {
                FacilityId = await db.Facilities.Select(f => f.Id).FirstAsync(), Name = "Ramesh Yadav", Gender = Gender.M, YearOfBirth = 1977,
                Mobile = SimulatedAbhaDirectory.FamilyMobile, Uhid = "UH260000077", CreatedAt = DateTime.UtcNow.AddDays(-40),
            });
            await db.SaveChangesAsync();
        }

        var page = await AbhaDeskPage.OpenAsync(browser);
        var ramesh = browser.App.Services.GetRequiredService<SimulatedAbhaDirectory>().ByNumber("91-5417-6573-4194")!;
        await AbhaDeskPage.ScanUntilProfileAsync(page, ramesh.CardQr());

        await Expect(page.Locator("#abha-match")).ToHaveAttributeAsync("data-kind", "SamePerson");
        await Expect(page.Locator("#abha-match")).ToContainTextAsync("Returning patient");
        await page.GetByText("I have checked these details with the patient").ClickAsync();
        await page.Locator("#abha-issue").ClickAsync();
        await Expect(page.Locator("#abha-issued tr").First).ToContainTextAsync("Returning · UHID UH260000077");
    }

    [Fact]
    public async Task TheWebcamReadsTheCardQrAndOpensTheProfile()
    {
        var video = FakeCameraVideo.WriteQr(AbhaDeskPage.CardQr);
        using var playwright = await Playwright.CreateAsync();
        await using var camera = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}",
            ],
        });
        var page = await AbhaDeskPage.OpenAsync(browser, inBrowser: camera);

        await page.Locator("#abha-camera").ClickAsync();

        await Expect(page.Locator("#abha-name")).ToHaveTextAsync("Sunita Devi", new() { Timeout = 20_000 });
        await Expect(page.Locator("#camera-dialog")).ToHaveCountAsync(0);
        File.Delete(video);
    }

    private string LatestOtp() => browser.App.Services.GetRequiredService<SimulatedOtps>().Sent[0].Otp;
}
