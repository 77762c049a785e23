using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Facilities;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

public sealed class HostTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    [Fact]
    public async Task HealthReportsTheDatabase()
    {
        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessChecksTheDatabaseAndLivenessNothing()
    {
        var client = app.CreateClient();
        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["database"], (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateObject().Select(c => c.Name));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty((await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task HomePageShowsTheConfiguredFacilityAndItsCounters()
    {
        var html = await (await app.CreateStaffClientAsync("supervisor")).GetStringAsync("/");

        Assert.Contains("District Hospital Demo", html);
        Assert.Contains("HIP IN0710000123", html);
        Assert.Contains("OPD-REG-1", html);
        Assert.Contains("Laboratory", html);
    }

    [Fact]
    public async Task StartupMigratesTheDatabaseFileAndAppliesTheFacilityFile()
    {
        await using var db = app.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(["LAB-1", "OPD-REG-1", "OPD-REG-2", "PHARMACY-2"], await db.Counters.Select(c => c.Code).OrderBy(c => c).ToListAsync());
        if (db.Database.IsSqlite())
        {
            Assert.True(File.Exists(Path.Combine(app.DataDirectory, "scanshare.db")));
            Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync().ContinueWith(t => t.Result.Single()));
        }
    }

    [Fact]
    public async Task UnknownApiPathsAnswerWithProblemDetails()
    {
        using var response = await app.CreateClient().GetAsync("/api/v3/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnknownPagesShowTheNotFoundPage()
    {
        using var response = await app.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class StartupValidationTests
{
    [Fact]
    public void ACounterPointingToAnUnknownQueueStopsStartupAndSaysWhich()
    {
        var facility = DemoFacility.Create();
        facility.Counters[0].Queue = "radiology";
        using var app = ScanShareAppFactory.With(new FacilityCatalogSettings { Facilities = [facility] });

        var failure = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("counter 'OPD-REG-1' points to queue 'radiology'", failure.Message);
    }

    [Fact]
    public async Task WithNoFacilityConfiguredTheDemoFacilityIsSetUp()
    {
        using var app = ScanShareAppFactory.With(new FacilityCatalogSettings());

        var html = await (await app.CreateStaffClientAsync("supervisor")).GetStringAsync("/");

        Assert.Contains("District Hospital Demo", html);
    }
}
