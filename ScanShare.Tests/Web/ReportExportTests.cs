using System.Net;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

public sealed class ReportExportTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime).ToString("yyyy-MM-dd");

    [Fact]
    public async Task TheTokenListHasOneRowPerTokenAndTheFiguresTotalMatchesIt()
    {
        var registration = await app.QueueIdAsync("registration");
        for (var i = 0; i < 5; i++)
        {
            await app.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(registration, i % 2 == 0 ? TokenSource.Scan : TokenSource.WalkIn)));
        }

        using var supervisor = await app.CreateStaffClientAsync("supervisor");
        var tokens = (await supervisor.GetStringAsync($"/reports/IN0710000123/tokens.csv?from={Today}&to={Today}")).Trim().Split('\n');
        var figures = (await supervisor.GetStringAsync($"/reports/IN0710000123/figures.csv?from={Today}&to={Today}")).Trim().Split('\n');

        Assert.StartsWith("Date,Token,Queue,Counter,Source,State", tokens[0]);
        Assert.Contains(tokens, row => row.Contains(",R-001,OPD Registration,", StringComparison.Ordinal));
        var totalIssued = int.Parse(figures.Single(r => r.StartsWith("Total,", StringComparison.Ordinal)).Split(',')[2]);
        Assert.Equal(tokens.Length - 1, totalIssued);
        Assert.True(totalIssued >= 5);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("clerk", HttpStatusCode.Forbidden)]
    public async Task OnlySupervisorsAndAdminsExport(string? user, HttpStatusCode expected)
    {
        using var client = user is null
            ? app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : await app.CreateStaffClientAsync(user);

        using var response = await client.GetAsync($"/reports/IN0710000123/tokens.csv?from={Today}&to={Today}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("IN0710000123", "from=2026-11-25&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("IN0710000123", "from=2026-01-01&to=2026-12-31", HttpStatusCode.BadRequest)]
    [InlineData("IN0710000123", "from=yesterday&to=2026-11-01", HttpStatusCode.BadRequest)]
    [InlineData("IN9999999999", "from=2026-11-01&to=2026-11-01", HttpStatusCode.NotFound)]
    public async Task ABadRangeOrFacilityIsAProblem(string hipId, string query, HttpStatusCode expected)
    {
        using var supervisor = await app.CreateStaffClientAsync("supervisor");

        using var response = await supervisor.GetAsync($"/reports/{hipId}/figures.csv?{query}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
