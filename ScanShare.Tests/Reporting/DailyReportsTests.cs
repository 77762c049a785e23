using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Core.Reporting;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Reporting;

public sealed class DailyReportsTests : IAsyncLifetime
{
    /// <summary>23:40 on 23 November 2026 in India (18:10 UTC).</summary>
    private static readonly DateTimeOffset LateEveningInIndia = new(2026, 11, 23, 18, 10, 0, TimeSpan.Zero);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(start: LateEveningInIndia);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<FacilityReport> ReportAsync(DateOnly from, DateOnly to)
    {
        await using var db = _db.CreateDbContext();
        var facilityId = await db.Facilities.Select(f => f.Id).SingleAsync();
        return await new DailyReports(db, _db.Clock).ReportAsync(facilityId, from, to);
    }

    private async Task<int> RowsAsync(DateOnly day)
    {
        await using var db = _db.CreateDbContext();
        return await db.Tokens.CountAsync(t => t.ServiceDate == day);
    }

    [Fact]
    public async Task APatientTransferredOnIsIssuedOnceAndTheNewTokenCountsAsATransferIn()
    {
        var registration = await _db.QueueIdAsync("registration");
        var pharmacy = await _db.QueueIdAsync("pharmacy");
        var issued = await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));
        await _db.RunAsync(e => e.TransferAsync(issued.Token.Id, pharmacy));
        var day = new DateOnly(2026, 11, 23);

        var report = await ReportAsync(day, day);

        Assert.Equal((1, 1, 1), (report.Totals.Issued, report.Totals.FromTransfer, report.Totals.Transferred));
        Assert.Equal(await RowsAsync(day), report.Totals.Tokens);
        Assert.Equal(1, report.ByHour.Sum(h => h.Issued));
    }

    [Fact]
    public async Task CountsEqualTheTokenRowsOfEachLocalDayAcrossMidnight()
    {
        var registration = await _db.QueueIdAsync("registration");
        var lab = await _db.QueueIdAsync("lab");
        var counter = await _db.CounterIdAsync("OPD-REG-1");
        for (var i = 0; i < 3; i++)
        {
            await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.Scan, CounterId: counter)));
        }

        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(lab, TokenSource.WalkIn)));
        _db.Clock.Advance(TimeSpan.FromMinutes(6));
        var called = await _db.RunAsync(e => e.CallNextAsync(counter));
        _db.Clock.Advance(TimeSpan.FromMinutes(4));
        await _db.RunAsync(e => e.CompleteAsync(called!.Id));

        // 00:10 on the 24th in India: a new local day, while UTC is still the 23rd.
        _db.Clock.Advance(TimeSpan.FromMinutes(10));
        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));
        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.Scan)));

        var (first, second) = (new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24));
        var day1 = await ReportAsync(first, first);
        var day2 = await ReportAsync(second, second);
        var both = await ReportAsync(first, second);

        Assert.Equal((4, 2), (day1.Totals.Issued, day2.Totals.Issued));
        Assert.Equal(await RowsAsync(first), day1.Totals.Issued);
        Assert.Equal(await RowsAsync(second), day2.Totals.Issued);
        Assert.Equal((3, 1), (day1.Totals.FromScan, day1.Totals.FromWalkIn));
        Assert.Equal((1, 3), (day1.Totals.Served, day1.Totals.Waiting));
        Assert.Equal(day1.Totals.Tokens, day1.Totals.Served + day1.Totals.Waiting + day1.Totals.InService + day1.Totals.NoShow + day1.Totals.Cancelled + day1.Totals.Transferred);
        Assert.Equal(4, day1.ByHour.Single(h => h.Hour == 23).Issued);
        Assert.Equal(2, day2.ByHour.Single(h => h.Hour == 0).Issued);
        Assert.Equal((6.0, 4.0), (day1.Wait.AverageMinutes, day1.Service.AverageMinutes));
        Assert.Equal(6, both.Totals.Issued);
        Assert.Equal([4, 2], both.ByDay.Select(d => d.Figures.Issued));
        Assert.Equal(both.Totals.Issued, both.ByQueue.Sum(q => q.Figures.Issued));
        Assert.Equal(1, both.ByCounter.Single().Figures.Served);
    }

    [Fact]
    public async Task TheLongestWaitNowIsTodaysOldestWaitingToken()
    {
        var registration = await _db.QueueIdAsync("registration");
        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));
        _db.Clock.Advance(TimeSpan.FromMinutes(12));
        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));

        var today = await ReportAsync(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23));

        Assert.Equal(12.0, today.LongestWaitNowMinutes);
    }

    [Fact]
    public void TheNinetiethPercentileIsTheNearestRank()
    {
        var stats = DurationStats.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]);

        Assert.Equal((11, 14.1, 10.0), (stats.Count, stats.AverageMinutes, stats.P90Minutes));
        Assert.Equal(new DurationStats(0, null, null), DurationStats.Of([]));
    }

    [Fact]
    public async Task ARangeLongerThanAQuarterIsRefused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReportAsync(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
}
