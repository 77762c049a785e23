using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ScanShare.Core.Abha;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;
using ScanShare.Tests.Support;
using ScanShare.Web.Components.Pages.Counters.Abha;

namespace ScanShare.Tests.Components;

/// <summary>
/// The desk's ABHA panel over the real engine: what it does with what the scanner module hands it. The module's own
/// timing (a burst, not a person; fields and function keys left alone) runs in Chromium in ScannerWedgeTests.
/// </summary>
public sealed class AbhaDeskPanelTests : EngineComponentTest
{
    private const string CardQr = """
        {"hidn":"91-5417-6573-4186","hid":"sunita.devi@sbx","name":"Sunita Devi","gender":"F","dob":"14/8/1979","mobile":"9450012345","district_name":"Lucknow","state name":"Uttar Pradesh"}
        """;

    private readonly List<AbhaIssued> _issued = [];
    private BunitJSModuleInterop _wedge = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var clerk = await TestStaff.AddAsync(Db, "asha", StaffRoles.Clerk, [DemoFacility.HipId]);
        var auth = AddAuthorization();
        auth.SetAuthorized("asha");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, clerk));
        _wedge = JSInterop.SetupModule("./js/scanner-wedge.js");
    }

    [Fact]
    public async Task AScannerBurstOpensTheScannedProfileMarkedUnverifiedAndIssuesOnceTheClerkConfirms()
    {
        var (panel, dialogs) = await RenderPanelAsync();

        await panel.InvokeAsync(() => panel.Instance.OnScanned(CardQr));

        dialogs.WaitForAssertion(() => Assert.Equal("Sunita Devi", dialogs.Find("#abha-name").TextContent));
        Assert.Contains("Not verified: read from the patient's ABHA card QR", dialogs.Find("#abha-unverified").TextContent);
        Assert.Equal("XX-XXXX-XXXX-4186", dialogs.Find("#abha-number").TextContent);
        Assert.DoesNotContain("5417-6573", dialogs.Markup);
        dialogs.WaitForAssertion(() => Assert.Equal("New", dialogs.Find("#abha-match").GetAttribute("data-kind")));
        Assert.True(dialogs.Find("#abha-issue").HasAttribute("disabled"));

        await dialogs.Find("#abha-profile-dialog input[type=checkbox]").ChangeAsync(new() { Value = true });
        await dialogs.Find("#abha-issue").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#abha-profile-dialog")));
        var issued = Assert.Single(_issued);
        Assert.Equal(("R-001", TokenSource.AbhaQr, true), (issued.Token.Label, issued.Token.Source, issued.NewPatient));
    }

    [Fact]
    public async Task TheScannerModuleIsArmedForBurstsFasterThanAPersonCanType()
    {
        var (panel, _) = await RenderPanelAsync();

        var register = _wedge.VerifyInvoke("register");

        Assert.Same(panel.Instance, Assert.IsType<Microsoft.JSInterop.DotNetObjectReference<AbhaDeskPanel>>(register.Arguments[0]).Value);
        var options = JsonSerializer.SerializeToElement(register.Arguments[1]);
        Assert.True(options.GetProperty("maxGapMs").GetInt32() <= 35);
        Assert.True(options.GetProperty("minLength").GetInt32() >= 20);
    }

    [Fact]
    public async Task AScannedCodeThatIsNotAnAbhaQrOpensNothingAndSaysWhy()
    {
        var snackbar = Render<MudSnackbarProvider>();
        var (panel, dialogs) = await RenderPanelAsync();

        await panel.InvokeAsync(() => panel.Instance.OnScanned("IN0710000123/2026-11-26/R-017"));

        snackbar.WaitForAssertion(() => Assert.Contains("This is not an ABHA card or app QR.", snackbar.Markup));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task AReturningPatientIsShownPreChosenAndKeepsTheirRecord()
    {
        await using (var db = Db.CreateDbContext())
        {
            db.Patients.Add(new Patient
            {
                FacilityId = await db.Facilities.Select(f => f.Id).SingleAsync(), Name = "Smt. Sunita Devi", Gender = Gender.F, YearOfBirth = 1980,
                Mobile = "9450012345", Uhid = "UH260000005", CreatedAt = Db.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        var (panel, dialogs) = await RenderPanelAsync();
        await panel.InvokeAsync(() => panel.Instance.OnScanned(CardQr));

        dialogs.WaitForAssertion(() => Assert.Equal("SamePerson", dialogs.Find("#abha-match").GetAttribute("data-kind")));
        Assert.Contains("Returning patient", dialogs.Find("#abha-match").TextContent);
        Assert.Contains("UHID UH260000005", dialogs.Find(".abha-candidate").TextContent);
        await dialogs.Find("#abha-profile-dialog input[type=checkbox]").ChangeAsync(new() { Value = true });
        await dialogs.Find("#abha-issue").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Single(_issued));
        Assert.Equal((false, "UH260000005"), (_issued[0].NewPatient, _issued[0].Uhid));
    }

    [Fact]
    public async Task AScanWhileItsDialogIsOpenIsRefusedWithoutASecondDialog()
    {
        var snackbar = Render<MudSnackbarProvider>();
        var (panel, dialogs) = await RenderPanelAsync();
        await panel.InvokeAsync(() => panel.Instance.OnScanned(CardQr));
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("#abha-profile-dialog")));

        await panel.InvokeAsync(() => panel.Instance.OnScanned(CardQr));

        snackbar.WaitForAssertion(() => Assert.Contains("while a dialog is open", snackbar.Markup));
        Assert.Single(dialogs.FindAll("#abha-profile-dialog"));
    }

    private async Task<(IRenderedComponent<AbhaDeskPanel>, IRenderedComponent<MudDialogProvider>)> RenderPanelAsync()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var counter = await Db.CounterIdAsync("OPD-REG-1");
        var panel = Render<AbhaDeskPanel>(p => p.Add(c => c.CounterId, counter).Add(c => c.OnTokenIssued, issued => _issued.Add(issued)));
        panel.WaitForAssertion(() => Assert.Equal("on", panel.Find("#abha-desk-panel").GetAttribute("data-wedge")));
        return (panel, dialogs);
    }
}
