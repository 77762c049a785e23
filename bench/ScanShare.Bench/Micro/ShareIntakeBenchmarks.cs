using BenchmarkDotNet.Attributes;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ScanShare.Bench.Hosting;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Micro;

/// <summary>
/// Taking shares in on a real SQLite file (WAL, full sync): one transaction per share, and a group of 32 in one
/// transaction. Each operation is one new patient's share: idempotency check, patient, token number, token, record, callback.
/// </summary>
public class ShareIntakeBenchmarks
{
    private const int Group = 32;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-micro-intake", Guid.NewGuid().ToString("N"));
    private readonly IndianPatientGenerator _patients = new(new Random(11));
    private readonly QueueEventHub _events = new(NullLogger<QueueEventHub>.Instance);
    private readonly SqliteWriteGate _gate = new();
    private DbContextOptions<ScanShareDbContext> _options = null!;
    private int _counter;

    private readonly StatementCounter _statements = new();
    private int _shares;

    [GlobalSetup]
    public void Setup()
    {
        _options = new DbContextOptionsBuilder<ScanShareDbContext>()
            .UseSqlite(ScanShareDatabase.SqliteConnectionString(_directory))
            .AddInterceptors(_statements)
            .Options;
        using var db = new ScanShareDbContext(_options);
        ScanShareDatabase.MigrateAsync(db).GetAwaiter().GetResult();
        new FacilityCatalogSync(db, TimeProvider.System).ApplyAsync([BenchFacility.Create()]).GetAwaiter().GetResult();
        _statements.Reset();
    }

    [Benchmark(Baseline = true)]
    public async Task<ShareIntakeResult> OneSharePerTransaction()
    {
        await using var db = new ScanShareDbContext(_options);
        return await Intake(db).AcceptAsync(NextShare(), "{}");
    }

    [Benchmark(OperationsPerInvoke = Group)]
    public async Task<int> GroupOf32InOneTransaction()
    {
        await using var db = new ScanShareDbContext(_options);
        var shares = Enumerable.Range(0, Group).Select(_ => (NextShare(), "{}")).ToList();
        return (await Intake(db).AcceptAllAsync(shares)).Count;
    }

    private ShareIntake Intake(ScanShareDbContext db) =>
        new(db, new QueueEngine(db, TimeProvider.System, _events, _gate), TimeProvider.System, new OutboxSignal());

    private ProfileShare NextShare()
    {
        _shares++;
        var p = _patients.Next();
        var counter = BenchFacility.CounterCodes[_counter++ % BenchFacility.CounterCodes.Count];
        return new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), BenchFacility.HipId, counter, new SharedPatient(
            p.AbhaNumber, p.AbhaAddress, new PatientDemographics(p.Name, Enum.Parse<Gender>(p.Gender), p.YearOfBirth, p.MonthOfBirth, p.DayOfBirth,
            p.Mobile, p.AddressLine, p.District, p.State, p.Pincode)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// SQL statements per share: {(double)_statements.Count / _shares:0.0} ({_statements.Count} for {_shares} shares; BEGIN and COMMIT not counted)");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>Counts the SQL statements sent, to compare the work of two versions of the intake independently of timing noise.</summary>
public sealed class StatementCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    public void Reset() => _count = 0;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _count, Statements(command));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _count, Statements(command));
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _count, Statements(command));
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    // A batched SaveChanges sends several statements in one command.
    private static int Statements(DbCommand command) => Math.Max(1, command.CommandText.Count(c => c == ';'));
}
