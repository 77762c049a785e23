using System.ComponentModel.DataAnnotations;

namespace ScanShare.Web.Hosting;

/// <summary>Scheduled backups of the database (section <c>Backup</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between backups; the first is taken at start when the newest one is older than this.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "31.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Where backups go, relative to the database's folder (or absolute: another disk is better).</summary>
    [Required]
    public string Folder { get; set; } = "backups";

    /// <summary>How many of the newest backups are kept at most.</summary>
    [Range(1, 1000)]
    public int KeepCount { get; set; } = 14;

    /// <summary>Backups older than this are deleted; the newest one is always kept.</summary>
    [Range(1, 3650)]
    public int KeepDays { get; set; } = 30;
}
