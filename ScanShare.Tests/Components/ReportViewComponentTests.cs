using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ScanShare.Core.Reporting;
using ScanShare.Tests.Support;
using ScanShare.Web.Components.Pages.Reports;

namespace ScanShare.Tests.Components;

public sealed class ReportViewComponentTests : ComponentTest
{
    private static FacilityReport Report(int days) => new(
        1, "IN0710000123", "District Hospital Demo", new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 23 + days),
        new TokenFigures(12, 7, 3, 1, 1, 0, 0, 9, 3, 0),
        new DurationStats(8, 11.25, 19.5),
        new DurationStats(7, 3.4, 6),
        [new GroupFigures(1, "OPD Registration", new TokenFigures(10, 6, 3, 1, 0, 0, 0, 8, 2, 0), DurationStats.Of([10, 12]), DurationStats.Of([3]))],
        [],
        Enumerable.Range(0, 24).Select(h => new HourFigures(h, h == 9 ? 12 : 0, h == 10 ? 7 : 0)).ToList(),
        Enumerable.Range(0, days).Select(d => new DayFigures(new DateOnly(2026, 11, 24).AddDays(d), new TokenFigures(6, 3, 0, 0, 0, 0, 0, 5, 1, 0), DurationStats.Of([]), DurationStats.Of([]))).ToList(),
        [new ClerkFigures("u1", "Asha Verma", 8, 7, DurationStats.Of([3, 4]))],
        LongestWaitNowMinutes: 25.5);

    [Fact]
    public void ShowsTheCountsTimesAndGroupsOfTheReport()
    {
        Render<MudPopoverProvider>();

        var view = Render<ReportView>(p => p.Add(v => v.Report, Report(1)));

        Assert.Equal("12", view.Find("[data-figure=Issued]").TextContent);
        Assert.Equal("9", view.Find("[data-figure='ABHA scan']").TextContent);
        Assert.Equal("19.5", view.Find("[data-figure='90% waited within (min)']").TextContent);
        Assert.Equal("25.5", view.Find("[data-figure='Longest wait now (min)']").TextContent);
        Assert.Contains("11.0", view.Find("#by-queue [data-group='OPD Registration']").TextContent);
        Assert.Contains("No tokens.", view.Find("#by-counter").TextContent);
        Assert.Empty(view.FindAll("#day-chart"));
    }

    [Fact]
    public void ARangeOfDaysAddsTheDayByDayTrend()
    {
        Render<MudPopoverProvider>();

        var view = Render<ReportView>(p => p.Add(v => v.Report, Report(3)));

        Assert.Single(view.FindAll("#day-chart"));
    }
}
