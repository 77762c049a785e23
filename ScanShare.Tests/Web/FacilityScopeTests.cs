using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Facilities;
using ScanShare.Core.Staff;
using ScanShare.Tests.Support;
using ScanShare.Web.Live;

namespace ScanShare.Tests.Web;

/// <summary>
/// Who may read what, across two facilities: every endpoint addressed by a facility and every hub subscription,
/// for anonymous callers, the demo facility's staff, a global administrator and the other facility's staff.
/// </summary>
public sealed class FacilityScopeTests(TwoFacilityApp fixture) : IClassFixture<TwoFacilityApp>
{
    private const string OtherHipId = TwoFacilityApp.OtherHipId;
    private readonly ScanShareAppFactory _app = fixture.App;

    public static TheoryData<string?, string, HttpStatusCode> Endpoints => new()
    {
        // Reports: supervisors and admins of the facility only.
        { null, $"/reports/{DemoFacility.HipId}/tokens.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.Unauthorized },
        { "clerk", $"/reports/{DemoFacility.HipId}/tokens.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.Forbidden },
        { "supervisor", $"/reports/{DemoFacility.HipId}/tokens.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.OK },
        { "admin", $"/reports/{DemoFacility.HipId}/figures.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.OK },
        { "rural.supervisor", $"/reports/{DemoFacility.HipId}/tokens.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.Forbidden },
        { "rural.supervisor", $"/reports/{OtherHipId}/tokens.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.OK },
        { "supervisor", "/reports/IN0000000000/tokens.csv?from=2026-11-26&to=2026-11-26", HttpStatusCode.NotFound },

        // Counter QR codes: the facility's staff.
        { null, $"/qr/{DemoFacility.HipId}/OPD-REG-1.svg", HttpStatusCode.Unauthorized },
        { "clerk2", $"/qr/{DemoFacility.HipId}/OPD-REG-1.svg", HttpStatusCode.OK },
        { "rural.clerk", $"/qr/{DemoFacility.HipId}/OPD-REG-1.svg", HttpStatusCode.Forbidden },
        { "rural.clerk", $"/qr/{OtherHipId}/OPD-REG-1.png", HttpStatusCode.OK },
        { "admin", $"/qr/{OtherHipId}/OPD-REG-1.svg", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachEndpointAnswersOnlyItsFacilitysStaff(string? userName, string path, HttpStatusCode expected)
    {
        var client = userName is null
            ? _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : await SignedInAsync(userName);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ASlipOpensOnlyByItsSealedAddressAndOnlyForItsFacilitysStaff()
    {
        await using var db = _app.CreateDbContext();
        var demoQueue = await db.Queues
            .Where(q => q.Code == "registration" && db.Facilities.Any(f => f.Id == q.FacilityId && f.HipId == DemoFacility.HipId))
            .Select(q => q.Id).SingleAsync();
        var token = (await _app.RunEngineAsync(e => e.IssueAsync(new ScanShare.Core.Queueing.IssueTokenRequest(demoQueue, ScanShare.Core.Queueing.TokenSource.WalkIn)))).Token;
        var sealedUrl = _app.Services.GetRequiredService<ScanShare.Web.Counters.SlipLinks>().For(token.Id);

        var ownClerk = await (await SignedInAsync("clerk")).GetStringAsync(sealedUrl);
        var byTokenId = await (await SignedInAsync("clerk")).GetStringAsync($"/slip/{token.Id}");
        var otherFacility = await (await SignedInAsync("rural.clerk")).GetStringAsync(sealedUrl);

        Assert.Contains(token.Label, ownClerk);
        Assert.Contains("There is no such slip.", byTokenId);
        Assert.Contains("There is no such slip.", otherFacility);
        Assert.DoesNotContain(token.Label, otherFacility);
    }

    [Theory]
    [InlineData("clerk", true, false)]
    [InlineData("rural.clerk", false, true)]
    [InlineData("admin", true, true)]
    public async Task TheHubJoinsOnlyTheCallersFacilitiesAndQueuesThatExist(string userName, bool demo, bool other)
    {
        await using var db = _app.CreateDbContext();
        var facilities = await db.Facilities.ToDictionaryAsync(f => f.HipId, f => f.Id);
        var demoQueue = await db.Queues.Where(q => q.FacilityId == facilities[DemoFacility.HipId]).Select(q => q.Id).FirstAsync();
        await using var connection = await ConnectAsync(userName);

        Assert.Equal(demo, await JoinsAsync(() => connection.InvokeAsync(nameof(QueueHub.WatchFacility), facilities[DemoFacility.HipId])));
        Assert.Equal(demo, await JoinsAsync(() => connection.InvokeAsync(nameof(QueueHub.WatchQueue), demoQueue)));
        Assert.Equal(other, await JoinsAsync(() => connection.InvokeAsync(nameof(QueueHub.WatchFacility), facilities[OtherHipId])));
        Assert.False(await JoinsAsync(() => connection.InvokeAsync(nameof(QueueHub.WatchFacility), 9999)));
        Assert.False(await JoinsAsync(() => connection.InvokeAsync(nameof(QueueHub.WatchQueue), 9999)));
    }

    private static async Task<bool> JoinsAsync(Func<Task> join)
    {
        try
        {
            await join();
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }

    private async Task<HubConnection> ConnectAsync(string userName)
    {
        var cookies = await CookiesAsync(userName);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, QueueHub.Path.TrimStart('/')), o =>
            {
                o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                o.Headers["Cookie"] = cookies;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", await CookiesAsync(userName));
        return client;
    }

    private Task<string> CookiesAsync(string userName) => fixture.CookiesAsync(userName);
}

/// <summary>The app with the demo facility and a second one, whose clerk and supervisor are <c>rural.clerk</c> and <c>rural.supervisor</c>.</summary>
public sealed class TwoFacilityApp : IAsyncLifetime
{
    public const string OtherHipId = "IN2910000777";
    private const string OtherPassword = "Rural@2026!";
    private readonly Dictionary<string, string> _cookies = [];

    public ScanShareAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var other = DemoFacility.Create();
        (other.HipId, other.Name, other.Displays) = (OtherHipId, "Rural Hospital", []);
        App = ScanShareAppFactory.With(new FacilityCatalogSettings { Facilities = [DemoFacility.Create(), other] });
        await AddOtherFacilityStaffAsync("rural.clerk", StaffRoles.Clerk);
        await AddOtherFacilityStaffAsync("rural.supervisor", StaffRoles.Supervisor);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>One sign-in per account for the whole class.</summary>
    public async Task<string> CookiesAsync(string userName)
    {
        if (!_cookies.TryGetValue(userName, out var cookies))
        {
            _cookies[userName] = cookies = await App.SignInCookiesAsync(userName, userName.StartsWith("rural.", StringComparison.Ordinal) ? OtherPassword : null);
        }

        return cookies;
    }

    private async Task AddOtherFacilityStaffAsync(string userName, string role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, DisplayName = userName };
        Assert.True((await users.CreateAsync(user, OtherPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<ScanShare.Core.Data.ScanShareDbContext>();
        var facilityId = await db.Facilities.Where(f => f.HipId == OtherHipId).Select(f => f.Id).SingleAsync();
        db.StaffFacilities.Add(new StaffFacility { UserId = user.Id, FacilityId = facilityId });
        await db.SaveChangesAsync();
    }
}
