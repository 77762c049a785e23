using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ScanShare.Core.Abdm;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;
using ScanShare.Tests.Support;
using ScanShare.Web.Components.Pages.Counters;
using ScanShare.Web.Counters;

namespace ScanShare.Tests.Components;

/// <summary>The counter desk rendered by bunit over the real engine and a real SQLite file.</summary>
public sealed class CounterDeskComponentTests : EngineComponentTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddScoped<DeskState>();
        Services.AddDataProtection();
        Services.AddSingleton<SlipLinks>();
        var clerk = await Db.AddStaffAsync("asha", StaffRoles.Clerk);
        AddAuthorization().SetAuthorized("asha").SetClaims(new Claim(ClaimTypes.NameIdentifier, clerk));
    }

    /// <summary>The token a printed slip's address names.</summary>
    private long? SlipFor(object? url) => url is string u && u.StartsWith("/slip/", StringComparison.Ordinal)
        ? Services.GetRequiredService<SlipLinks>().TokenOf(u["/slip/".Length..])
        : null;

    private IRenderedComponent<CounterDesk> RenderDesk(string counter = "OPD-REG-1")
    {
        Render<MudPopoverProvider>();
        return Render<CounterDesk>(p => p.Add(d => d.HipId, "IN0710000123").Add(d => d.CounterCode, counter));
    }

    [Fact]
    public async Task AShareArrivingLiveAppearsWithItsAbhaNumberMasked()
    {
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Contains("No ABHA shares yet.", desk.Markup));

        var share = new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), "IN0710000123", "OPD-REG-1",
            new SharedPatient("91-4211-8734-5520", "sunita.devi@abdm", new PatientDemographics("Sunita Devi", Gender.F, 1979, 8, 14, "9876543210", null, null, null, null)));
        await WithServiceAsync<ShareIntake, ShareIntakeResult>(intake => intake.AcceptAsync(share, "{}"));

        desk.WaitForAssertion(() =>
        {
            var incoming = desk.Find(".incoming-share");
            Assert.Contains("R-001", incoming.TextContent);
            Assert.Contains("Sunita Devi", incoming.TextContent);
            Assert.Contains("XX-XXXX-XXXX-5520", incoming.TextContent);
            Assert.DoesNotContain("4211", incoming.TextContent);
        });
        Assert.Contains("R-001", desk.Find("#waiting").TextContent);
    }

    [Fact]
    public async Task ATokenIssuedWhileTheDeskConnectsShowsThoughItsEventCameBeforeTheSubscription()
    {
        var queue = await Db.QueueIdAsync("registration");
        Services.AddSingleton<IQueueEventSource>(sp => new SubscriptionAfter(
            sp.GetRequiredService<QueueEventHub>(),
            () => Task.Run(() => WithServiceAsync<QueueEngine, IssuedToken>(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)))).Wait()));

        var desk = RenderDesk();

        desk.WaitForAssertion(() => Assert.Contains("R-001", desk.Find("#waiting").TextContent));
    }

    [Fact]
    public async Task WhenLiveUpdatesMayHaveBeenMissedTheDeskReloadsAndShowsWhatItDidNotHear()
    {
        Services.AddSingleton<IQueueEventPublisher>(new Unheard());
        var queue = await Db.QueueIdAsync("registration");
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("true", desk.Find("#desk").GetAttribute("data-live")));
        await WithServiceAsync<QueueEngine, IssuedToken>(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        Assert.DoesNotContain("R-001", desk.Find("#waiting").TextContent);

        Services.GetRequiredService<QueueEventHub>().Resync();

        desk.WaitForAssertion(() => Assert.Contains("R-001", desk.Find("#waiting").TextContent));
    }

    /// <summary>Commits whose events never reach the screens, as while Redis is away from another instance.</summary>
    private sealed class Unheard : IQueueEventPublisher
    {
        public void Publish(QueueEvent queueEvent)
        {
        }
    }

    [Fact]
    public async Task CallNextCallsTheFirstWaitingTokenAsTheSignedInClerkAndSaysWhoCalledIt()
    {
        var queue = await Db.QueueIdAsync("registration");
        await WithServiceAsync<QueueEngine, IssuedToken>(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.False(desk.Find("#call-next").HasAttribute("disabled")));

        await desk.Find("#call-next").ClickAsync(new());

        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));
        desk.WaitForAssertion(() => Assert.Contains("called by asha (name)", desk.Find(".desk-now").TextContent));
        await using (var db = Db.CreateDbContext())
        {
            var action = await db.TokenActions.SingleAsync();
            Assert.Equal((QueueEventKind.Called, "asha (name)"), (action.Kind, action.StaffName));
        }

        var otherCounter = await Db.CounterIdAsync("OPD-REG-2");
        Assert.Null(await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(otherCounter)));
    }

    [Fact]
    public async Task TheF8ShortcutCompletesTheCurrentToken()
    {
        var queue = await Db.QueueIdAsync("registration");
        var counter = await Db.CounterIdAsync("OPD-REG-1");
        await WithServiceAsync<QueueEngine, IssuedToken>(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));

        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F8"));

        desk.WaitForAssertion(() => Assert.Empty(desk.FindAll("#current-token")));
        Assert.Contains("Nobody at this counter.", desk.Markup);
    }

    [Fact]
    public async Task TheF6ShortcutOpensTheRegistrationWithTheSharedProfileAndSavingKeepsTheDepartment()
    {
        var share = new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), "IN0710000123", "OPD-REG-1",
            new SharedPatient("91-4211-8734-5520", "sunita.devi@abdm", new PatientDemographics("Sunita Devi", Gender.F, 1979, 8, 14, "9876543210", "12 MG Road", "South Delhi", "Delhi", "110003")));
        await WithServiceAsync<ShareIntake, ShareIntakeResult>(intake => intake.AcceptAsync(share, "{}"));
        var counter = await Db.CounterIdAsync("OPD-REG-1");
        await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));
        var dialogs = Render<MudDialogProvider>();
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));

        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F6"));

        dialogs.WaitForAssertion(() => Assert.Equal("Sunita Devi", dialogs.Find("#reg-name").GetAttribute("value")));
        Assert.Contains("XX-XXXX-XXXX-5520", dialogs.Markup);
        Assert.DoesNotContain("4211-8734", dialogs.Markup);
        var tokenId = await WithServiceAsync<ScanShare.Core.Data.ScanShareDbContext, long>(db => Task.FromResult(db.Tokens.Single().Id));
        var draft = await WithServiceAsync<PatientRegistration, RegistrationDraft?>(r => r.DraftAsync(tokenId));
        await WithServiceAsync<PatientRegistration, string>(r => r.RegisterAsync(tokenId, draft!.Details with { Department = "ENT" }, draft.PatientVersion, "clerk"));
        desk.WaitForAssertion(() => Assert.Contains("ENT", desk.Find("#current-registration").TextContent));
    }

    [Fact]
    public async Task TheRegistrationShowsWhatTheShareBroughtThatNeedsCheckingNextToItsFieldUntilTheClerkChangesIt()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Read("v3-share.json"))!;
        json["profile"]!["patient"]!["phoneNumber"] = "0522-2612345";
        json["profile"]!["patient"]!.AsObject().Remove("gender");
        var share = ShareParser.ParseV3(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), Guid.NewGuid().ToString(), null, 2026).Share!;
        await WithServiceAsync<ShareIntake, ShareIntakeResult>(intake => intake.AcceptAsync(share, "{}"));
        await WithServiceAsync<QueueEngine, Token?>(async e => await e.CallNextAsync(await Db.CounterIdAsync("OPD-REG-1")));
        var dialogs = Render<MudDialogProvider>();
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));

        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F6"));

        dialogs.WaitForAssertion(() => Assert.Contains("Mobile needs checking: received '0522-2612345'", dialogs.Find(".mud-dialog").TextContent));
        Assert.Contains("Gender was not shared", dialogs.Find(".mud-dialog").TextContent);
        Assert.Contains("Some details need checking", dialogs.Find("#registration-flags").TextContent);

        await dialogs.Find("#reg-mobile").InputAsync(new() { Value = "98765 43210" });

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Mobile needs checking", dialogs.Find(".mud-dialog").TextContent));
        Assert.Contains("Gender was not shared", dialogs.Find(".mud-dialog").TextContent);
    }

    [Fact]
    public async Task AWalkInsMobileIsCheckedByTheSharedRuleAndOnlyWarns()
    {
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Contains("No ABHA shares yet.", desk.Markup));

        await desk.Find("#walkin-mobile").InputAsync(new() { Value = "0522-2612345" });

        desk.WaitForAssertion(() => Assert.Contains(
            "Mobile needs checking: an Indian mobile is 10 digits starting 6–9; saved as entered", desk.Find(".mud-form").TextContent));
        Assert.Empty(desk.Find(".mud-form").QuerySelectorAll(".mud-input-error"));

        await desk.Find("#walkin-mobile").InputAsync(new() { Value = "+91 98765 43210" });

        desk.WaitForAssertion(() => Assert.DoesNotContain("needs checking", desk.Find(".mud-form").TextContent));
    }

    [Fact]
    public async Task SkippingATokenThatWouldBecomeANoShowAsksFirstAndOnlyThenClosesIt()
    {
        var queue = await Db.QueueIdAsync("registration");
        var counter = await Db.CounterIdAsync("OPD-REG-1");
        var issued = await WithServiceAsync<QueueEngine, IssuedToken>(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        for (var i = 0; i < 2; i++)
        {
            await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));
            await WithServiceAsync<QueueEngine, Token>(e => e.SkipAsync(issued.Token.Id));
        }

        await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));
        var dialogs = Render<MudDialogProvider>();
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));

        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F9"));
        dialogs.WaitForAssertion(() => Assert.Contains("Mark R-001 as no-show?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Keep")).ClickAsync(new());
        Assert.Equal(TokenState.Called, await TokenStateAsync(issued.Token.Id));

        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F9"));
        dialogs.WaitForAssertion(() => Assert.Contains("Mark R-001 as no-show?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Mark no-show")).ClickAsync(new());

        desk.WaitForAssertion(() => Assert.Empty(desk.FindAll("#current-token")));
        Assert.Equal(TokenState.NoShow, await TokenStateAsync(issued.Token.Id));
    }

    [Fact]
    public async Task WhileTheRegistrationIsOpenTheDesksKeysDoNothingAndEnterSavesAndPrintsTheSlip()
    {
        var share = new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), "IN0710000123", "OPD-REG-1",
            new SharedPatient("91-4211-8734-5520", "sunita.devi@abdm", new PatientDemographics("Sunita Devi", Gender.F, 1979, 8, 14, "9876543210", null, null, null, null)));
        await WithServiceAsync<ShareIntake, ShareIntakeResult>(intake => intake.AcceptAsync(share, "{}"));
        var counter = await Db.CounterIdAsync("OPD-REG-1");
        var token = await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));
        var browser = JSInterop.SetupModule("./js/counter-desk.js");
        var dialogs = Render<MudDialogProvider>();
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));

        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F6"));
        dialogs.WaitForAssertion(() => Assert.Equal("Sunita Devi", dialogs.Find("#reg-name").GetAttribute("value")));
        foreach (var key in new[] { "F8", "F9", "F4", "F2", "F6" })
        {
            await desk.InvokeAsync(() => desk.Instance.OnShortcut(key));
        }

        Assert.Equal((TokenState.Called, 1), await WithServiceAsync<ScanShare.Core.Data.ScanShareDbContext, (TokenState, int)>(
            db => Task.FromResult(db.Tokens.Where(t => t.Id == token!.Id).Select(t => new { t.State, t.CallCount }).AsEnumerable().Select(t => (t.State, t.CallCount)).Single())));
        Assert.Single(dialogs.FindAll(".mud-dialog"));

        await dialogs.Find("#reg-department").InputAsync(new() { Value = "ort" });
        dialogs.WaitForAssertion(() => Assert.Contains("→ Orthopaedics", dialogs.Markup));
        await dialogs.Find("#registration-form").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        desk.WaitForAssertion(() => Assert.Contains("Orthopaedics", desk.Find("#current-registration").TextContent));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        desk.WaitForAssertion(() => Assert.Contains(browser.Invocations, i => i.Identifier == "printSlip" && SlipFor(i.Arguments[0]) == token!.Id));
        await desk.InvokeAsync(() => desk.Instance.OnShortcut("F8"));
        Assert.Equal(TokenState.Completed, await TokenStateAsync(token!.Id));
    }

    [Fact]
    public async Task EnterInTheWalkInFormIssuesAndPrintsOnlyOnceTheGenderIsChosen()
    {
        var browser = JSInterop.SetupModule("./js/counter-desk.js");
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.NotNull(desk.Find("#walkin-form")));

        await desk.Find("#walkin-name").InputAsync(new() { Value = "Ramesh Yadav" });
        await desk.Find("#walkin-form").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        desk.WaitForAssertion(() => Assert.Contains("Choose the gender", desk.Markup));
        Assert.Equal(0, await WithServiceAsync<ScanShare.Core.Data.ScanShareDbContext, int>(db => Task.FromResult(db.Tokens.Count())));

        await desk.FindAll("#walkin-gender input[type=radio]")[1].ClickAsync(new());
        await desk.Find("#walkin-form").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        desk.WaitForAssertion(() => Assert.Contains("Ramesh Yadav", desk.Find("#waiting").TextContent));
        var issued = await WithServiceAsync<ScanShare.Core.Data.ScanShareDbContext, (long, Gender)>(
            db => Task.FromResult(db.Tokens.Select(t => new { t.Id, t.Patient!.Gender }).AsEnumerable().Select(t => (t.Id, t.Gender)).Single()));
        Assert.Equal(Gender.M, issued.Item2);
        Assert.Contains(browser.Invocations, i => i.Identifier == "printSlip" && SlipFor(i.Arguments[0]) == issued.Item1);
    }

    [Fact]
    public async Task ATransferNamesTheNewNumberAndPrintsItsSlip()
    {
        var queue = await Db.QueueIdAsync("registration");
        var pharmacy = await Db.QueueIdAsync("pharmacy");
        var counter = await Db.CounterIdAsync("OPD-REG-1");
        await WithServiceAsync<QueueEngine, IssuedToken>(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));
        var browser = JSInterop.SetupModule("./js/counter-desk.js");
        var snackbars = Render<MudSnackbarProvider>();
        var desk = RenderDesk();
        desk.WaitForAssertion(() => Assert.Equal("R-001", desk.Find("#current-token").TextContent));

        var deskState = Services.GetRequiredService<DeskState>();
        await desk.InvokeAsync(() => deskState.TransferAsync(deskState.View!.Current!, pharmacy, "Pharmacy"));

        snackbars.WaitForAssertion(() => Assert.Contains("R-001 is now P-001 in Pharmacy", snackbars.Markup));
        var newToken = await WithServiceAsync<ScanShare.Core.Data.ScanShareDbContext, long>(db => Task.FromResult(db.Tokens.Single(t => t.Label == "P-001").Id));
        Assert.Contains(browser.Invocations, i => i.Identifier == "printSlip" && SlipFor(i.Arguments[0]) == newToken);
        desk.WaitForAssertion(() => Assert.Empty(desk.FindAll("#current-token")));
    }

    private Task<TokenState> TokenStateAsync(long tokenId) =>
        WithServiceAsync<ScanShare.Core.Data.ScanShareDbContext, TokenState>(db => Task.FromResult(db.Tokens.Single(t => t.Id == tokenId).State));
}
