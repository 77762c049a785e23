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

        await FillNameKeysAsync(db, cancellationToken);
    }

    /// <summary>
    /// Patients saved before names had a sound key get theirs (computed in code, so a migration cannot), a few
    /// hundred at a time; nothing to do on later starts.
    /// </summary>
    private static async Task FillNameKeysAsync(ScanShareDbContext db, CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            var batch = await db.Patients.Where(p => p.NameKey == "" && p.Id > after).OrderBy(p => p.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var patient in batch)
            {
                db.Entry(patient).Property(p => p.NameKey).IsModified = true;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = batch[^1].Id;
        }
    }

    /// <summary>A SQLite connection string for a database file in <paramref name="dataDirectory"/>, creating the folder.</summary>
    public static string SqliteConnectionString(string dataDirectory, string fileName = "scanshare.db")
    {
        Directory.CreateDirectory(dataDirectory);
        return $"Data Source={Path.Combine(dataDirectory, fileName)};Cache=Private;Pooling=True;Default Timeout=30";
    }
}
