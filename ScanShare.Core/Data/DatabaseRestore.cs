namespace ScanShare.Core.Data;

/// <param name="Restored">The database file now holding the backup.</param>
/// <param name="KeptAside">Where the database it replaced was moved, or null when there was none.</param>
public sealed record RestoreOutcome(string Restored, string? KeptAside);

/// <summary>Puts a backup in place of the database while the app is stopped, keeping the replaced file aside.</summary>
public static class DatabaseRestore
{
    /// <summary>The database file, its write-ahead log and the log's index.</summary>
    private static readonly string[] DatabaseParts = ["", "-wal", "-shm"];

    /// <exception cref="InvalidOperationException">The app is running, or the backup cannot be used; the message says which.</exception>
    public static async Task<RestoreOutcome> RestoreAsync(string backupFile, string databaseConnectionString, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var live = DatabaseBackup.DatabaseFile(databaseConnectionString)
            ?? throw new InvalidOperationException("The database is not a file, so there is nothing to restore into.");
        var source = Path.GetFullPath(backupFile);
        if (!File.Exists(source))
        {
            throw new InvalidOperationException($"There is no backup at {source}.");
        }

        using var exclusive = DatabaseFileLock.TryExclusive(live)
            ?? throw new InvalidOperationException($"ScanShare is running on {live}. Stop it, then restore again.");

        // Checked as a copy beside the database, so the last step is a rename on the same disk.
        var staging = live + ".restoring";
        File.Copy(source, staging, overwrite: true);
        try
        {
            if (await DatabaseBackup.ProblemWithAsync(staging, cancellationToken) is { } problem)
            {
                throw new InvalidOperationException($"{source} was not restored: {problem}");
            }

            string? aside = null;
            if (File.Exists(live))
            {
                // Moved as a set, its write-ahead log with it, so the old database opens as it was, even a damaged one.
                aside = $"{live}.before-restore-{now.UtcDateTime:yyyyMMdd-HHmmss}";
                foreach (var part in DatabaseParts.Where(part => File.Exists(live + part)))
                {
                    File.Move(live + part, aside + part);
                }
            }

            File.Move(staging, live);
            return new RestoreOutcome(live, aside);
        }
        finally
        {
            foreach (var part in DatabaseParts)
            {
                File.Delete(staging + part);
            }
        }
    }
}
