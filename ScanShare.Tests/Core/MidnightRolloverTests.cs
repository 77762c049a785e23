using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

public sealed class MidnightRolloverTests
{
    // 23:58 in India (UTC+05:30) is 18:28 UTC.
    private static readonly DateTimeOffset JustBeforeIndianMidnight = new(2026, 11, 23, 18, 28, 0, TimeSpan.Zero);

    [Fact]
    public async Task NumbersRestartAtOneAtLocalMidnightNotAtUtcMidnight()
    {
        await using var db = await TestDatabase.CreateAsync(start: JustBeforeIndianMidnight);
        var registration = await db.QueueIdAsync("registration");
        var issue = () => db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));

        var lateEvening = await issue();
        await issue();
        db.Clock.Advance(TimeSpan.FromMinutes(3)); // 00:01 IST, still 18:31 UTC on the same UTC day
        var firstOfTheDay = await issue();
        var second = await issue();

        Assert.Equal((new DateOnly(2026, 11, 23), "R-001"), (lateEvening.Token.ServiceDate, lateEvening.Token.Label));
        Assert.Equal((new DateOnly(2026, 11, 24), "R-001"), (firstOfTheDay.Token.ServiceDate, firstOfTheDay.Token.Label));
        Assert.Equal("R-002", second.Token.Label);
    }

    [Fact]
    public async Task YesterdaysRepeatScanGetsTodaysTokenEvenWithinValidity()
    {
        await using var db = await TestDatabase.CreateAsync(start: JustBeforeIndianMidnight);
        var registration = await db.QueueIdAsync("registration");
        var patient = await db.AddPatientAsync("Asha K");
        var issue = () => db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.Scan, patient)));

        var yesterday = await issue();
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        var today = await issue();

        Assert.False(today.Reused);
        Assert.NotEqual(yesterday.Token.Id, today.Token.Id);
        Assert.Equal(new DateOnly(2026, 11, 24), today.Token.ServiceDate);
    }

    [Fact]
    public async Task CallNextDoesNotServeYesterdaysLeftoverTokens()
    {
        await using var db = await TestDatabase.CreateAsync(start: JustBeforeIndianMidnight);
        var registration = await db.QueueIdAsync("registration");
        var counter = await db.CounterIdAsync("OPD-REG-1");
        await db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn)));
        db.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await db.RunAsync(e => e.CallNextAsync(counter)));
    }
}
