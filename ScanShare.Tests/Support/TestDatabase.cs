using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;

namespace ScanShare.Tests.Support;

/// <summary>A real SQLite file in a temp folder, migrated and holding the given facilities; deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase(DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        ConnectionString = ScanShareDatabase.SqliteConnectionString(_directory);
        Events = new QueueEventHub(NullLogger<QueueEventHub>.Instance);
        Events.Subscribe(Published.Add);
    }

    public FakeTimeProvider Clock { get; }
    public string ConnectionString { get; }
    public QueueEventHub Events { get; }
    public List<QueueEvent> Published { get; } = [];

    /// <summary>09:00 in India on a working day.</summary>
    public static readonly DateTimeOffset MorningInIndia = new(2026, 11, 23, 3, 30, 0, TimeSpan.Zero);

    public static async Task<TestDatabase> CreateAsync(FacilitySettings? facility = null, DateTimeOffset? start = null)
    {
        var database = new TestDatabase(start ?? MorningInIndia);
        await using var db = database.CreateDbContext();
        await ScanShareDatabase.MigrateAsync(db);
        await new FacilityCatalogSync(db, database.Clock).ApplyAsync([facility ?? DemoFacility.Create()]);
        return database;
    }

    public ScanShareDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<ScanShareDbContext>().UseSqlite(ConnectionString).Options);

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
