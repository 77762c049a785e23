using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Linking;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

public sealed class DatabaseSchemaTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryModelChangeHasAMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        await using var db = database.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), $"The model differs from the last {provider} migration: add a migration for each provider.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task OutboxReadsSeekTheirPartialIndexes()
    {
        await using var database = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await using var db = database.CreateDbContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;

        var duePlan = await QueryPlanAsync(database, db.OutboxMessages.DueBy(now).Take(100).ToQueryString());
        var failedPlan = await QueryPlanAsync(database, db.OutboxMessages.FailedSince(now.AddDays(-1)).ToQueryString());

        Assert.Contains("SEARCH o USING INDEX IX_OutboxMessages_Pending_NextAttemptAt", duePlan);
        Assert.DoesNotContain("TEMP B-TREE", duePlan);
        Assert.Contains("SEARCH o USING INDEX IX_OutboxMessages_Undelivered_CreatedAt", failedPlan);
    }

    [Fact]
    public async Task TheSharePathsLinkTokenReadSeeksItsIndexWithoutASort()
    {
        await using var database = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await using var db = database.CreateDbContext();

        var plan = await QueryPlanAsync(database, db.LinkTokens.LatestOf(1, 42).ToQueryString());

        Assert.Contains("SEARCH l USING INDEX IX_LinkTokens_FacilityId_PatientId", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async Task LinkingReadsSeekTheirPartialIndexes()
    {
        await using var database = await TestDatabase.CreateAsync(provider: DatabaseProvider.Sqlite);
        await using var db = database.CreateDbContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;

        (string Index, string Sql)[] reads =
        [
            ("IX_VisitLinks_AwaitingToken", db.VisitLinks.AwaitingTokenOf(1, 42).ToQueryString()),
            ("IX_VisitLinks_AwaitingToken", db.VisitLinks.AwaitingToken().Select(v => new { v.FacilityId, v.PatientId }).Distinct().ToQueryString()),
            ("IX_VisitLinks_Linking_LinkRequestedAt", db.VisitLinks.UnansweredBefore(now).ToQueryString()),
            ("IX_VisitLinks_Failed_UpdatedAt", db.VisitLinks.FailedSince(1, now).ToQueryString()),
            ("IX_VisitLinks_NotifyProblem_UpdatedAt", db.VisitLinks.NotifyFailedSince(1, now).ToQueryString()),
            ("IX_LinkTokens_Refused_AnsweredAt", db.LinkTokens.RefusedSince(1, now).ToQueryString()),
        ];

        foreach (var (index, sql) in reads)
        {
            // A partial index holds only the rows of its state: searching or scanning it never reads a linked visit.
            Assert.Matches($"USING (COVERING )?INDEX {index}\\b", await QueryPlanAsync(database, sql));
        }
    }

    /// <summary>SQLite's plan for a query as EF Core writes it (its parameter lines dropped; unbound parameters are NULL).</summary>
    private static async Task<string> QueryPlanAsync(TestDatabase database, string queryString)
    {
        var sql = string.Join('\n', queryString.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var details = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        return string.Join("; ", details);
    }
}
