using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ScanShare.Core.Abdm;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;
using ScanShare.Tests.Support;
using ScanShare.Web.Components.Shared;

namespace ScanShare.Tests.Components;

/// <summary>The desk's link mark and SMS button, over the real engine.</summary>
public sealed class VisitLinkComponentTests : EngineComponentTest
{
    [Theory]
    [InlineData(LinkMarkKind.Linked, "ABHA linked")]
    [InlineData(LinkMarkKind.Pending, "ABHA linking")]
    [InlineData(LinkMarkKind.Failed, "ABHA not linked")]
    [InlineData(LinkMarkKind.SmsSent, "ABHA SMS sent")]
    [InlineData(LinkMarkKind.SmsFailed, "ABHA SMS failed")]
    public void TheMarkSaysWhereTheVisitsLinkStands(LinkMarkKind kind, string label)
    {
        Render<MudPopoverProvider>();

        var chip = Render<VisitLinkChip>(p => p.Add(c => c.State, new VisitLinkMark(kind, "why")));

        Assert.Equal(label, chip.Find(".visit-link-mark").TextContent.Trim());
        Assert.Equal(kind.ToString(), chip.Find(".visit-link-mark").GetAttribute("data-link-state"));
    }

    [Fact]
    public async Task TheMarkFollowsItsVisitWhenTheGatewayAnswers()
    {
        Render<MudPopoverProvider>();
        var registration = await Db.QueueIdAsync("registration");
        var patientId = await Db.AddPatientAsync("Sunita Devi");
        var token = (await Db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.Scan, patientId)))).Token;
        await SetVisitAsync(token, VisitLinkState.Linking);
        var chip = Render<VisitLinkChip>(p => p.Add(c => c.TokenId, token.Id).Add(c => c.State, new VisitLinkMark(LinkMarkKind.Pending, "Linking")));
        chip.WaitForAssertion(() => Assert.Equal("Pending", chip.Find(".visit-link-mark").GetAttribute("data-link-state")));

        await SetVisitAsync(token, VisitLinkState.Linked);
        Services.GetRequiredService<VisitLinkChanges>().Publish([token.Id]);

        chip.WaitForAssertion(() => Assert.Equal("ABHA linked", chip.Find(".visit-link-mark").TextContent.Trim()));
    }

    [Fact]
    public void NoLinkNoMark() => Assert.Empty(Render<VisitLinkChip>(p => p.Add(c => c.State, null)).Markup.Trim());

    [Fact]
    public async Task TheSmsButtonSendsOnceForAWalkInWithoutAbha()
    {
        var clerk = await AddClerkAsync();
        var counterId = await Db.CounterIdAsync("OPD-REG-1");
        Services.AddCascadingValue(_ => Task.FromResult(new AuthenticationState(StaffPrincipal(clerk))));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        await using var scope = Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<WalkInRegistration>()
            .RegisterAsync(counterId, new WalkIn("Kamla Bai", Gender.F, 1961, "9876543210", PriorityLane.SeniorCitizen));
        var walkIn = new CounterToken(token.Id, token.Label, token.State, token.Priority, token.Source, "Kamla Bai", Gender.F, 1961, null,
            token.IssuedAt, token.QueuedAt, null, null, null, 0);

        var button = Render<AbhaSmsButton>(p => p.Add(b => b.Token, walkIn).Add(b => b.CounterId, counterId));
        await button.Find("#send-abha-sms").ClickAsync(new());

        button.WaitForAssertion(() => Assert.Empty(button.FindAll("#send-abha-sms")));
        await using var db = Db.CreateDbContext();
        var sms = await db.SmsLinks.SingleAsync();
        Assert.Equal(("+91-9876543210", SmsLinkState.Sent, "Asha Verma"), (sms.PhoneNo, sms.State, sms.RequestedBy));
        Assert.Single(await db.OutboxMessages.Where(o => o.Flow == GatewayFlow.SmsLink).ToListAsync());
    }

    private async Task SetVisitAsync(Token token, VisitLinkState state)
    {
        await using var db = Db.CreateDbContext();
        var visit = await db.VisitLinks.SingleOrDefaultAsync(v => v.TokenId == token.Id);
        if (visit is null)
        {
            visit = db.VisitLinks.Add(new VisitLink
            {
                FacilityId = token.FacilityId, PatientId = token.PatientId!.Value, TokenId = token.Id, ServiceDate = token.ServiceDate,
                PatientReference = "UH260000001", CareContextReference = VisitLinking.CareContextReference(token), Display = VisitLinking.Display(token),
                HiType = "OPConsultation",
            }).Entity;
        }

        visit.State = state;
        await db.SaveChangesAsync();
    }

    private async Task<string> AddClerkAsync()
    {
        await using var db = Db.CreateDbContext();
        var user = new StaffUser { UserName = "clerk", NormalizedUserName = "CLERK", DisplayName = "Asha Verma" };
        db.Users.Add(user);
        db.Roles.Add(new IdentityRole(StaffRoles.Clerk) { Id = StaffRoles.Clerk, NormalizedName = StaffRoles.Clerk.ToUpperInvariant() });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = StaffRoles.Clerk });
        db.StaffFacilities.Add(new StaffFacility { UserId = user.Id, FacilityId = await db.Facilities.Select(f => f.Id).SingleAsync() });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static ClaimsPrincipal StaffPrincipal(string userId) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
}
