using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ScanShare.Core.Data;

/// <summary>
/// Several instances on one database server may start at the same moment; their one-time setup (migrations, the
/// facility file, first accounts) takes turns under a lock the server holds for ScanShare, so each finds the other's
/// work done instead of inserting it twice. SQLite has one app per file and needs no lock.
/// </summary>
public sealed class SetupLock : IAsyncDisposable
{
    /// <summary>"SCANSHAR" in ASCII: the advisory lock's key, the same on every instance.</summary>
    private const long Key = 0x5343414E53484152;

    private readonly NpgsqlConnection? _connection;

    private SetupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<SetupLock> TakeAsync(ScanShareDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new SetupLock(null);
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", Key);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new SetupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection))
        {
            release.Parameters.AddWithValue("key", Key);
            await release.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
