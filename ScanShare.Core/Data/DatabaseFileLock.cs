namespace ScanShare.Core.Data;

/// <summary>
/// A lock file beside the database: every running app holds it shared, and a restore needs it alone, so a restore
/// never replaces the file under a running app, and an app does not start in the middle of a restore.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream _file;

    private DatabaseFileLock(FileStream file) => _file = file;

    public static string PathFor(string databaseFile) => databaseFile + ".lock";

    /// <summary>Held by the app while it runs; other instances may hold it too. Null while a restore holds it.</summary>
    public static DatabaseFileLock? TryShared(string databaseFile) => TryOpen(databaseFile, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>Held by a restore; null while any app holds it.</summary>
    public static DatabaseFileLock? TryExclusive(string databaseFile) => TryOpen(databaseFile, FileAccess.ReadWrite, FileShare.None);

    private static DatabaseFileLock? TryOpen(string databaseFile, FileAccess access, FileShare share)
    {
        var path = PathFor(databaseFile);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            try
            {
                File.WriteAllText(path, "Held by ScanShare while it runs and during a restore; safe to leave.\n");
            }
            catch (IOException)
            {
                // Someone else just created it and holds it.
            }
        }

        try
        {
            return new DatabaseFileLock(new FileStream(path, FileMode.Open, access, share));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
