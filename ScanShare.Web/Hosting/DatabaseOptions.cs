using ScanShare.Core.Data;

namespace ScanShare.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The name under <c>ConnectionStrings</c> of the PostgreSQL server's connection string.</summary>
    public const string ConnectionStringName = "ScanShare";

    /// <summary><c>Sqlite</c> (an embedded file: one hospital, one server) or <c>PostgreSQL</c> (several instances).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file, relative to the app's content root; created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A full SQLite connection string; when set, <see cref="DataDirectory"/> is not used.</summary>
    public string? ConnectionString { get; set; }
}
