using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ScanShare.Core.Data;

/// <summary>The database engines ScanShare runs on: an embedded file for one hospital, a server for a state.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which database a ScanShare database context talks to, and how to reach it.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The PostgreSQL migrations live in their own assembly; the SQLite ones beside the model.</summary>
    public const string PostgresMigrationsAssembly = "ScanShare.Data.Postgres";

    public static DatabaseConnection Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    /// <summary>
    /// A PostgreSQL connection; unless the connection string says otherwise, the statements a share runs are prepared
    /// on the server once per connection instead of parsed and planned each time (measured: two fifths more shares a
    /// second on one instance, see docs/benchmarks.md).
    /// </summary>
    public static DatabaseConnection Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return new(DatabaseProvider.PostgreSQL, builder.ConnectionString);
    }

    /// <summary>Per connection; a share and a desk action run a few dozen distinct statements.</summary>
    private const int AutoPreparedStatements = 64;

    public DbContextOptionsBuilder<ScanShareDbContext> Configure(DbContextOptionsBuilder<ScanShareDbContext> options)
    {
        Configure((DbContextOptionsBuilder)options);
        return options;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString),
            DatabaseProvider.PostgreSQL => options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "Unknown database provider."),
        };
    }

    /// <summary>Names the provider only: the connection string may hold a password, and must not reach a log.</summary>
    public override string ToString() => $"{Provider} database";

    /// <summary>A context of its own, e.g. for a command or a test.</summary>
    public ScanShareDbContext CreateDbContext() => new(Configure(new DbContextOptionsBuilder<ScanShareDbContext>()).Options);
}
