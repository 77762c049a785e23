using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Reporting;

namespace ScanShare.Bench.Reports;

/// <summary>
/// <c>--reports</c>: a year of a busy state hospital (about 3 million tokens, 8,220 a day in three queues) in a fresh
/// SQLite file, then the supervisor's report for one day, against a bare indexed count of the same day's rows.
/// </summary>
public static class DailyReportBench
{
    private const int Days = 365;
    private const int TokensPerDay = 8_220;

    public static async Task<int> RunAsync(TextWriter log)
    {
        var directory = Path.Combine(Path.GetTempPath(), "scanshare-report-bench", Guid.NewGuid().ToString("N"));
        var connectionString = ScanShareDatabase.SqliteConnectionString(directory);
        try
        {
            var options = new DbContextOptionsBuilder<ScanShareDbContext>().UseSqlite(connectionString).Options;
            await using var db = new ScanShareDbContext(options);
            await ScanShareDatabase.MigrateAsync(db);
            await new FacilityCatalogSync(db, TimeProvider.System).ApplyAsync([DemoFacility.Create()]);
            var facilityId = await db.Facilities.Select(f => f.Id).SingleAsync();

            var seeding = Stopwatch.StartNew();
            await SeedAsync(db, facilityId);
            var rows = await db.Tokens.CountAsync();
            log.WriteLine($"Seeded {rows:N0} tokens in {seeding.Elapsed.TotalSeconds:0.0} s");

            var day = new DateOnly(2026, 5, 15);
            var reports = new DailyReports(db, TimeProvider.System);
            var report = await reports.ReportAsync(facilityId, day, day);
            var reportMs = Median(await TimeAsync(() => reports.ReportAsync(facilityId, day, day)));
            var countMs = Median(await TimeAsync(() => db.Tokens.CountAsync(t => t.FacilityId == facilityId && t.ServiceDate == day)));
            var plan = await PlanAsync(db, facilityId, day);

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                tokens = rows,
                dayTokens = report.Totals.Issued,
                reportMs = Math.Round(reportMs, 1),
                bareCountMs = Math.Round(countMs, 2),
                ratioToBareCount = Math.Round(reportMs / countMs, 1),
                queryPlan = plan,
            }));
            return report.Totals.Issued == TokensPerDay ? 0 : 2;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>One statement generates the year: a day × token-of-the-day cross join of two recursive sequences.</summary>
    private static async Task SeedAsync(ScanShareDbContext db, int facilityId)
    {
        var queues = await db.Queues.Where(q => q.FacilityId == facilityId).OrderBy(q => q.Id).Select(q => new { q.Id, q.Prefix }).ToListAsync();
        var counters = await db.Counters.Where(c => c.FacilityId == facilityId).ToListAsync();
        var counterOf = queues.Select(q => counters.First(c => c.QueueId == q.Id).Id).ToArray();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        // Only numbers and the queues' validated prefixes go into this text.
        var generate = $"""
            WITH RECURSIVE
                d(day) AS (SELECT 0 UNION ALL SELECT day + 1 FROM d WHERE day < {Days - 1}),
                n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < {TokensPerDay}),
                t AS (
                    SELECT day, k, k % 3 AS q,
                        datetime('2025-11-26 03:30:00', '+' || day || ' days', '+' || (k * 5 / 2) || ' seconds') AS issued
                    FROM d, n)
            INSERT INTO "Tokens" ("FacilityId", "QueueId", "ServiceDate", "Number", "Label", "Source", "Priority", "State",
                "IssuedAtCounterId", "CounterId", "IssuedAt", "QueuedAt", "ExpiresAt", "FirstCalledAt", "CalledAt", "CompletedAt", "ClosedAt",
                "CallCount", "RequeueCount", "CalledOutOfOrder")
            SELECT {facilityId},
                CASE q WHEN 0 THEN {queues[0].Id} WHEN 1 THEN {queues[1].Id} ELSE {queues[2].Id} END,
                date('2025-11-26', '+' || day || ' days'), k,
                CASE q WHEN 0 THEN '{queues[0].Prefix}' WHEN 1 THEN '{queues[1].Prefix}' ELSE '{queues[2].Prefix}' END || '-' || printf('%03d', k),
                CASE WHEN k % 4 = 0 THEN 'WalkIn' ELSE 'Scan' END, 'None',
                CASE WHEN k % 50 = 0 THEN 'NoShow' ELSE 'Completed' END,
                CASE q WHEN 0 THEN {counterOf[0]} WHEN 1 THEN {counterOf[1]} ELSE {counterOf[2]} END,
                CASE q WHEN 0 THEN {counterOf[0]} WHEN 1 THEN {counterOf[1]} ELSE {counterOf[2]} END,
                issued, issued, datetime(issued, '+30 minutes'),
                datetime(issued, '+' || (k % 40) || ' minutes'), datetime(issued, '+' || (k % 40) || ' minutes'),
                CASE WHEN k % 50 = 0 THEN NULL ELSE datetime(issued, '+' || (k % 40 + 3) || ' minutes') END,
                datetime(issued, '+' || (k % 40 + 3) || ' minutes'),
                1, 0, 0
            FROM t
            """;
        await db.Database.ExecuteSqlRawAsync(generate);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    private static async Task<List<double>> TimeAsync<T>(Func<Task<T>> run)
    {
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>SQLite's plan for the report's one read (the same predicate and order as <see cref="DailyReports.TokensAsync"/>).</summary>
    private static async Task<string> PlanAsync(ScanShareDbContext db, int facilityId, DateOnly day)
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN QUERY PLAN SELECT "Id", "QueueId", "State" FROM "Tokens"
            WHERE "FacilityId" = $facility AND "ServiceDate" >= $day AND "ServiceDate" <= $day ORDER BY "Id"
            """;
        command.Parameters.Add(new SqliteParameter("$facility", facilityId));
        command.Parameters.Add(new SqliteParameter("$day", day.ToString("yyyy-MM-dd")));
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join("; ", steps);
    }
}
