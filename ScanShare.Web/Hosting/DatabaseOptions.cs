namespace ScanShare.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Folder for the SQLite file, relative to the app's content root; created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A full SQLite connection string; when set, <see cref="DataDirectory"/> is not used.</summary>
    public string? ConnectionString { get; set; }
}
