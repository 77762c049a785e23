using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Data;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

public sealed class StaffAccessTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private const string Desk = "/counter/IN0710000123/OPD-REG-1";

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/counter")]
    [InlineData(Desk)]
    [InlineData("/supervisor")]
    [InlineData("/admin")]
    public async Task AnonymousVisitorsAreSentToSignInAndBackAfterwards(string path)
    {
        using var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("clerk", "/admin", false)]
    [InlineData("clerk", "/supervisor", false)]
    [InlineData("clerk", Desk, true)]
    [InlineData("supervisor", Desk, false)]
    [InlineData("supervisor", "/supervisor", true)]
    [InlineData("supervisor", "/admin", true)]
    [InlineData("admin", "/admin", true)]
    [InlineData("admin", Desk, true)]
    public async Task EachRoleOpensItsOwnPagesAndIsTurnedAwayFromOthers(string user, string path, bool allowed)
    {
        using var client = await app.CreateStaffClientAsync(user);

        using var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task ASupervisorSeesTheAdminPagesReadOnly()
    {
        using var supervisor = await app.CreateStaffClientAsync("supervisor");
        using var admin = await app.CreateStaffClientAsync("admin");

        var readOnly = await supervisor.GetStringAsync("/admin");
        var editable = await admin.GetStringAsync("/admin");

        Assert.Contains("data-can-edit=\"false\"", readOnly);
        Assert.DoesNotContain("id=\"add-staff\"", readOnly);
        Assert.Contains("data-can-edit=\"true\"", editable);
        Assert.Contains("id=\"add-staff\"", editable);
    }

    [Fact]
    public async Task TheLiveHubRefusesAnonymousClients()
    {
        using var anonymous = await Anonymous().PostAsync("/hubs/queue/negotiate?negotiateVersion=1", null);
        using var clerk = await app.CreateStaffClientAsync("clerk");
        using var signedIn = await clerk.PostAsync("/hubs/queue/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordSignsNobodyInAndRepeatedOnesLockTheAccount()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInCookiesAsync("clerk2", "Wrong@2026"));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInCookiesAsync("clerk2"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        Assert.NotNull(await db.Users.Where(u => u.UserName == "clerk2").Select(u => u.LockoutEnd).SingleAsync());
    }

    [Fact]
    public async Task TheDemoAccountsAreRefusedOutsideDevelopment()
    {
        await using var production = Production(builder => builder.UseSetting("Staff:DemoAccounts", "true"));

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Staff:DemoAccounts", failure.ToString());
    }

    [Fact]
    public async Task InProductionTheBootstrapAdminFromConfigurationCanSignInAndThereAreNoDemoAccounts()
    {
        await using var production = Production(builder =>
        {
            builder.UseSetting("Staff:BootstrapAdmin:UserName", "it.admin");
            builder.UseSetting("Staff:BootstrapAdmin:Password", "Str0ng!Passphrase");
        });

        var cookies = await production.SignInCookiesAsync("it.admin", "Str0ng!Passphrase");

        Assert.Contains("ScanShare.Staff", cookies);
        await Assert.ThrowsAsync<InvalidOperationException>(() => production.SignInCookiesAsync("clerk"));
    }

    private static WebApplicationFactory<Program> Production(Action<IWebHostBuilder> configure)
    {
        var production = new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Abdm:Gateway:BaseUrl", "https://gateway.invalid/api/hiecm");
            builder.UseSetting("Abdm:Gateway:ClientId", "facility");
            builder.UseSetting("Abdm:Gateway:ClientSecret", "secret");
            builder.UseSetting("Abdm:Abha:BaseUrl", "https://abha.invalid/abha/api/v3");
            configure(builder);
        });

        // Production cookies are sent over https only.
        production.ClientOptions.BaseAddress = new Uri("https://localhost");
        return production;
    }
}
