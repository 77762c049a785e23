using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Reporting;
using ScanShare.Web.Staff;

namespace ScanShare.Web.Reports;

/// <summary>CSV exports of the supervisor's figures and of the token rows behind them: <c>/reports/{hipId}/…csv?from=…&amp;to=…</c>.</summary>
public static class ReportsApi
{
    public const string Prefix = "/reports";

    public static string FiguresCsv(string hipId, DateOnly from, DateOnly to) => $"{Prefix}/{hipId}/figures.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    public static string TokensCsv(string hipId, DateOnly from, DateOnly to) => $"{Prefix}/{hipId}/tokens.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    public static WebApplication MapReports(this WebApplication app)
    {
        var reports = app.MapGroup($"{Prefix}/{{hipId}}")
            .RequireAuthorization(StaffPolicies.Oversight)
            .RequireFacility((staff, facilityId) => staff.MayOversee(facilityId));
        reports.MapGet("/figures.csv", FiguresAsync);
        reports.MapGet("/tokens.csv", TokensAsync);
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> FiguresAsync(
        string hipId, DateOnly from, DateOnly to, ScanShareDbContext db, DailyReports reports, CancellationToken ct)
    {
        if (await RangeProblemAsync(db, hipId, from, to, ct) is { } problem)
        {
            return problem;
        }

        var facilityId = await db.Facilities.Where(f => f.HipId == hipId).Select(f => f.Id).SingleAsync(ct);
        var report = await reports.ReportAsync(facilityId, from, to, ct);
        var rows = new List<FigureRow> { Row("Total", report.FacilityName, report.Totals, report.Wait, report.Service) };
        rows.AddRange(report.ByQueue.Select(g => Row("Queue", g.Name, g.Figures, g.Wait, g.Service)));
        rows.AddRange(report.ByCounter.Select(g => Row("Counter", g.Name, g.Figures, g.Wait, g.Service)));
        rows.AddRange(report.ByDay.Select(d => Row("Day", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Figures, d.Wait, d.Service)));
        return await CsvAsync($"figures-{hipId}-{from:yyyyMMdd}-{to:yyyyMMdd}.csv", csv => csv.WriteRecordsAsync(rows));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> TokensAsync(
        string hipId, DateOnly from, DateOnly to, ScanShareDbContext db, DailyReports reports, CancellationToken ct)
    {
        if (await RangeProblemAsync(db, hipId, from, to, ct) is { } problem)
        {
            return problem;
        }

        var facility = await db.Facilities.AsNoTracking().SingleAsync(f => f.HipId == hipId, ct);
        var queues = await db.Queues.Where(q => q.FacilityId == facility.Id).ToDictionaryAsync(q => q.Id, q => q.Name, ct);
        var counters = await db.Counters.Where(c => c.FacilityId == facility.Id).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        string? Local(DateTime? utc) => utc is { } instant
            ? FacilityCalendar.ToLocal(instant, facility.TimeZoneId).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : null;
        var rows = reports.TokensAsync(facility.Id, from, to).Select(t => new TokenRow(
            t.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Label, queues.GetValueOrDefault(t.QueueId),
            t.CounterId is { } c ? counters.GetValueOrDefault(c) : null, t.Source.ToString(), t.State.ToString(), t.Priority.ToString(),
            Local(t.IssuedAt), Local(t.FirstCalledAt), Local(t.CompletedAt), Round(t.WaitMinutes), Round(t.ServiceMinutes), t.AbhaLinked));
        return await CsvAsync($"tokens-{hipId}-{from:yyyyMMdd}-{to:yyyyMMdd}.csv", csv => csv.WriteRecordsAsync(rows));
    }

    private static async Task<ProblemHttpResult?> RangeProblemAsync(ScanShareDbContext db, string hipId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!await db.Facilities.AnyAsync(f => f.HipId == hipId, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown facility", detail: $"There is no facility with HIP id {hipId}.");
        }

        return to < from || to.DayNumber - from.DayNumber >= DailyReports.MaxDays
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad date range",
                detail: $"'from' must not be after 'to', and a report covers at most {DailyReports.MaxDays} days.")
            : null;
    }

    private static async Task<FileStreamHttpResult> CsvAsync(string fileName, Func<CsvWriter, Task> write)
    {
        var stream = new MemoryStream();
        await using (var writer = new StreamWriter(stream, leaveOpen: true))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            await write(csv);
        }

        stream.Position = 0;
        return TypedResults.File(stream, "text/csv", fileName);
    }

    private static double? Round(double? minutes) => minutes is { } m ? Math.Round(m, 1) : null;

    private static FigureRow Row(string section, string name, TokenFigures f, DurationStats wait, DurationStats service) =>
        new(section, name, f.Issued, f.Served, f.Waiting, f.InService, f.NoShow, f.Cancelled, f.Transferred, f.FromScan, f.FromAbhaQr, f.FromOtpVerified,
            f.FromWalkIn, f.FromTransfer, f.AbhaLinked, wait.AverageMinutes, wait.P90Minutes, service.AverageMinutes, service.P90Minutes);

    private sealed record FigureRow(
        string Section, string Name, int Issued, int Served, int Waiting, int InService, int NoShow, int Cancelled, int Transferred,
        int FromScan, int FromAbhaQr, int FromOtpVerified, int FromWalkIn, int FromTransfer, int AbhaLinked, double? AverageWaitMinutes, double? P90WaitMinutes,
        double? AverageServiceMinutes, double? P90ServiceMinutes);

    private sealed record TokenRow(
        string Date, string Token, string? Queue, string? Counter, string Source, string State, string Priority,
        string? IssuedAt, string? FirstCalledAt, string? CompletedAt, double? WaitMinutes, double? ServiceMinutes, bool AbhaLinked);
}
