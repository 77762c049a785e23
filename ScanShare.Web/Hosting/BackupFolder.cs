using System.Globalization;

namespace ScanShare.Web.Hosting;

/// <summary>The folder of dated backups (<c>scanshare-yyyyMMdd-HHmmss.db</c>, UTC) and which of them retention keeps.</summary>
public sealed class BackupFolder(string path)
{
    private const string Prefix = "scanshare-";
    private const string TimeFormat = "yyyyMMdd-HHmmss";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static BackupFolder For(DatabaseLocation database, BackupOptions options) =>
        new(System.IO.Path.GetFullPath(options.Folder, database.Directory));

    public string FileFor(DateTimeOffset takenAt) =>
        System.IO.Path.Combine(Path, $"{Prefix}{takenAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}.db");

    /// <summary>The backups in the folder, newest first, by the time in their names; other files are left alone.</summary>
    public IReadOnlyList<(string File, DateTimeOffset TakenAt)> Existing()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        var backups = new List<(string File, DateTimeOffset TakenAt)>();
        foreach (var file in Directory.EnumerateFiles(Path, $"{Prefix}*.db"))
        {
            if (DateTime.TryParseExact(System.IO.Path.GetFileNameWithoutExtension(file)[Prefix.Length..], TimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                backups.Add((file, new DateTimeOffset(time, TimeSpan.Zero)));
            }
        }

        return backups.OrderByDescending(b => b.TakenAt).ToList();
    }

    /// <summary>Deletes backups past the newest <paramref name="keepCount"/> or older than <paramref name="keepDays"/>; never the newest.</summary>
    public IReadOnlyList<string> Prune(DateTimeOffset now, int keepCount, int keepDays)
    {
        var cutoff = now.AddDays(-keepDays);
        var deleted = Existing()
            .Select((backup, index) => (backup.File, Drop: index > 0 && (index >= keepCount || backup.TakenAt < cutoff)))
            .Where(b => b.Drop)
            .Select(b => b.File)
            .ToList();
        deleted.ForEach(File.Delete);
        return deleted;
    }
}
