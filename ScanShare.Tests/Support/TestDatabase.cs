using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support.Servers;

namespace ScanShare.Tests.Support;

/// <summary>
/// A real database, migrated and holding the given facilities: a SQLite file in a temp folder (deleted on dispose), or
/// a fresh database on the tests' throwaway PostgreSQL server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase(DateTimeOffset start, DatabaseConnection? connection)
    {
        Clock = new FakeTimeProvider(start);
        Connection = connection ?? DatabaseConnection.Sqlite(ScanShareDatabase.SqliteConnectionString(_directory));
        Events = new QueueEventHub(NullLogger<QueueEventHub>.Instance);
        // Concurrent engines publish from many threads at once (on PostgreSQL nothing makes them take turns).
        Events.Subscribe(e =>
        {
            lock (Published)
            {
                Published.Add(e);
            }
        });
    }

    /// <summary>Both providers, for tests that must hold on each.</summary>
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSQL];

    public FakeTimeProvider Clock { get; }
    public DatabaseConnection Connection { get; }
    public string ConnectionString => Connection.ConnectionString;
    public QueueEventHub Events { get; }
    public List<QueueEvent> Published { get; } = [];

    /// <summary>09:00 in India on a working day.</summary>
    public static readonly DateTimeOffset MorningInIndia = new(2026, 11, 23, 3, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// The provider of tests that name none: SQLite, unless <c>SCANSHARE_TEST_PROVIDER=PostgreSQL</c> runs the whole
    /// suite on the throwaway PostgreSQL server.
    /// </summary>
    public static DatabaseProvider DefaultProvider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("SCANSHARE_TEST_PROVIDER"), ignoreCase: true, out var chosen)
            ? chosen
            : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync(
        FacilitySettings? facility = null, DateTimeOffset? start = null, DatabaseProvider? provider = null)
    {
        var connection = (provider ?? DefaultProvider) == DatabaseProvider.PostgreSQL ? await NewPostgresDatabaseAsync() : null;
        var database = new TestDatabase(start ?? MorningInIndia, connection);
        await using var db = database.CreateDbContext();
        await ScanShareDatabase.MigrateAsync(db);
        await new FacilityCatalogSync(db, database.Clock).ApplyAsync([facility ?? DemoFacility.Create()]);
        return database;
    }

    /// <summary>
    /// An empty, migrated database of its own on the throwaway PostgreSQL server: copied from a template migrated once
    /// per test run, which takes a fraction of migrating each.
    /// </summary>
    public static async Task<DatabaseConnection> NewPostgresDatabaseAsync()
    {
        const string template = "scanshare_migrated";
        var server = await PostgresServer.SharedAsync();
        await server.CreateTemplateOnceAsync(template, async connectionString =>
        {
            await using var db = DatabaseConnection.Postgres(connectionString).CreateDbContext();
            await ScanShareDatabase.MigrateAsync(db);
        });
        return DatabaseConnection.Postgres(await server.CreateDatabaseAsync(template));
    }

    /// <summary>A database on the throwaway PostgreSQL server with nothing in it, not even the schema.</summary>
    public static async Task<DatabaseConnection> NewEmptyPostgresDatabaseAsync() =>
        DatabaseConnection.Postgres(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync());

    public ScanShareDbContext CreateDbContext() => Connection.CreateDbContext();

    /// <summary>An engine with its own DbContext, as one request or one clerk's action gets.</summary>
    public (QueueEngine Engine, ScanShareDbContext Db) CreateEngine()
    {
        var db = CreateDbContext();
        return (new QueueEngine(db, Clock, Events), db);
    }

    public async Task<T> RunAsync<T>(Func<QueueEngine, Task<T>> action)
    {
        var (engine, db) = CreateEngine();
        await using (db)
        {
            return await action(engine);
        }
    }

    public async Task<int> QueueIdAsync(string code)
    {
        await using var db = CreateDbContext();
        return await db.Queues.Where(q => q.Code == code).Select(q => q.Id).SingleAsync();
    }

    public async Task<int> CounterIdAsync(string code)
    {
        await using var db = CreateDbContext();
        return await db.Counters.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
    }

    public async Task<long> AddPatientAsync(string name)
    {
        await using var db = CreateDbContext();
        var facilityId = await db.Facilities.Select(f => f.Id).FirstAsync();
        var patient = new ScanShare.Core.Patients.Patient { FacilityId = facilityId, Name = name, CreatedAt = Clock.GetUtcNow().UtcDateTime };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    /// <summary>A member of staff of the given facilities (all when none are named), as the admin page would create them.</summary>
    /// <returns>The account's id.</returns>
    public async Task<string> AddStaffAsync(string userName, string role, string[]? hipIds = null, int? assignedCounterId = null, bool locked = false)
    {
        await using var db = CreateDbContext();
        if (!await db.Roles.AnyAsync(r => r.Id == role))
        {
            db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole(role) { Id = role, NormalizedName = role.ToUpperInvariant() });
        }

        var user = new ScanShare.Core.Staff.StaffUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = $"{userName} (name)",
            AssignedCounterId = assignedCounterId,
            LockoutEnd = locked ? DateTimeOffset.MaxValue : null,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        var facilities = db.Facilities.Where(f => hipIds == null || hipIds.Contains(f.HipId)).Select(f => f.Id);
        db.StaffFacilities.AddRange((await facilities.ToListAsync()).Select(id => new ScanShare.Core.Staff.StaffFacility { UserId = user.Id, FacilityId = id }));
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Token> TokenAsync(long tokenId)
    {
        await using var db = CreateDbContext();
        return await db.Tokens.AsNoTracking().SingleAsync(t => t.Id == tokenId);
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection.Provider == DatabaseProvider.PostgreSQL)
        {
            // The server outlives the test; its idle connections to this database need not.
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(ConnectionString));
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalizer-bound connection; the temp folder is cleaned by the OS later.
        }

        await Task.CompletedTask;
    }
}
