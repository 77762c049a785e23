using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ScanShare.Core.Data;

/// <summary>
/// Copies of the live SQLite database made with SQLite's online backup: a consistent snapshot of every committed
/// transaction, write-ahead log included, taken while the app keeps writing. A plain file copy is not one: it misses
/// what is still in the <c>-wal</c> file and may catch a page half written.
/// </summary>
public static class DatabaseBackup
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Writes a consistent copy of the database to <paramref name="destination"/>, a new file, and checks it.</summary>
    public static async Task BackupAsync(string databaseConnectionString, string destination, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            throw new IOException($"{target} already exists; choose a new file name.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await CopyAsync(ExistingDatabase(databaseConnectionString), partial, cancellationToken);
            var problem = await ProblemWithAsync(partial, cancellationToken);
            if (problem is not null)
            {
                throw new InvalidDataException($"The copy failed its check and was not kept: {problem}");
            }

            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// What is wrong with a file as a ScanShare database (not SQLite, damaged, or made by a newer version of the app),
    /// or null when it can be used.
    /// </summary>
    public static async Task<string?> ProblemWithAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(FileConnectionString(databaseFile, SqliteOpenMode.ReadWrite), cancellationToken);
            var integrity = await ScalarAsync(connection, "PRAGMA integrity_check;", cancellationToken);
            if (integrity != "ok")
            {
                return $"SQLite's integrity check says: {integrity}";
            }

            if (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory';", cancellationToken) != "1")
            {
                return "it is not a ScanShare database (it has no migration history).";
            }

            await using var db = new ScanShareDbContext(new DbContextOptionsBuilder<ScanShareDbContext>().UseSqlite(connection).Options);
            var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(db.Database.GetMigrations()).ToList();
            return unknown.Count == 0
                ? null
                : $"it was made by a newer version of ScanShare (migrations {string.Join(", ", unknown)}); restore it with that version.";
        }
        catch (SqliteException e)
        {
            return $"it cannot be read as a SQLite database ({e.Message}).";
        }
    }

    /// <summary>The database file a connection string points to, or null for an in-memory database.</summary>
    public static string? DatabaseFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return dataSource is "" or ":memory:" ? null : Path.GetFullPath(dataSource);
    }

    private static async Task CopyAsync(string sourceConnectionString, string targetFile, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var source = await OpenAsync(sourceConnectionString, cancellationToken))
                await using (var target = await OpenAsync(FileConnectionString(targetFile, SqliteOpenMode.ReadWriteCreate), cancellationToken))
                {
                    // One step copies every page under one read transaction: the snapshot of the moment it began.
                    source.BackupDatabase(target);
                }

                break;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }

        // The copy carries the source's write-ahead-log flag; a backup is one self-contained file instead.
        await using var copy = await OpenAsync(FileConnectionString(targetFile, SqliteOpenMode.ReadWrite), cancellationToken);
        await ScalarAsync(copy, "PRAGMA journal_mode=DELETE;", cancellationToken);
    }

    /// <summary>The live database, opened without creating an empty one when the path is wrong.</summary>
    private static string ExistingDatabase(string connectionString)
    {
        var file = DatabaseFile(connectionString) ?? throw new InvalidOperationException("The database is not a file, so it cannot be copied.");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"There is no database at {file}.", file);
        }

        return FileConnectionString(file, SqliteOpenMode.ReadWrite, timeout: 30);
    }

    private static string FileConnectionString(string file, SqliteOpenMode mode, int timeout = 5) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = timeout }.ToString();

    private static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
