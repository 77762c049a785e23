using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;
using ScanShare.Core.Reporting;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Reporting;

public sealed class LinkedVisitFiguresTests
{
    [Fact]
    public async Task AbhaLinkedVisitsAreCountedPerLocalDayFromTheVisitsOwnRows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var registration = await database.QueueIdAsync("registration");
        var firstDay = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var patientId = await database.AddPatientAsync($"Patient {i}");
            firstDay.Add((await database.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.Scan, patientId)))).Token.Id);
        }

        database.Clock.Advance(TimeSpan.FromDays(1));
        var returning = await database.AddPatientAsync("Returning patient");
        var nextDay = (await database.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.Scan, returning)))).Token.Id;
        await AddVisitsAsync(database, (firstDay[0], VisitLinkState.Linked), (firstDay[1], VisitLinkState.Linked), (firstDay[2], VisitLinkState.Failed),
            (firstDay[3], VisitLinkState.Linking), (nextDay, VisitLinkState.Linked));

        await using var db = database.CreateDbContext();
        var facilityId = await db.Facilities.Select(f => f.Id).SingleAsync();
        var reports = new DailyReports(db, database.Clock);
        var today = await reports.TodayAsync(facilityId);
        var report = await reports.ReportAsync(facilityId, today.AddDays(-1), today);

        Assert.Equal([2, 1], report.ByDay.Select(d => d.Figures.AbhaLinked));
        Assert.Equal(3, report.Totals.AbhaLinked);
        Assert.Equal(3, report.ByQueue.Sum(q => q.Figures.AbhaLinked));
        Assert.Equal(3, await db.VisitLinks.CountAsync(v => v.State == VisitLinkState.Linked));
    }

    private static async Task AddVisitsAsync(TestDatabase database, params (long TokenId, VisitLinkState State)[] visits)
    {
        await using var db = database.CreateDbContext();
        foreach (var (tokenId, state) in visits)
        {
            var token = await db.Tokens.SingleAsync(t => t.Id == tokenId);
            db.VisitLinks.Add(new VisitLink
            {
                FacilityId = token.FacilityId,
                PatientId = token.PatientId!.Value,
                TokenId = token.Id,
                ServiceDate = token.ServiceDate,
                PatientReference = "UH260000001",
                CareContextReference = VisitLinking.CareContextReference(token),
                Display = VisitLinking.Display(token),
                HiType = "OPConsultation",
                State = state,
            });
        }

        await db.SaveChangesAsync();
    }
}
