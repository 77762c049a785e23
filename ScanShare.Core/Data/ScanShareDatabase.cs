using Microsoft.EntityFrameworkCore;

namespace ScanShare.Core.Data;

public static class ScanShareDatabase
{
    /// <summary>Applies pending migrations and, on SQLite, switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(ScanShareDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the dashboards read while a share is being written; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>A SQLite connection string for a database file in <paramref name="dataDirectory"/>, creating the folder.</summary>
    public static string SqliteConnectionString(string dataDirectory, string fileName = "scanshare.db")
    {
        Directory.CreateDirectory(dataDirectory);
        return $"Data Source={Path.Combine(dataDirectory, fileName)};Cache=Private;Pooling=True;Default Timeout=30";
    }
}
