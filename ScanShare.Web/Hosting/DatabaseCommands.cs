using ScanShare.Core.Data;

namespace ScanShare.Web.Hosting;

/// <summary>
/// <c>backup [--to FILE]</c> and <c>restore --from FILE</c>, run in place of the server with the app's own configuration,
/// so they find the same database as the app does.
/// </summary>
public static class DatabaseCommands
{
    private const string Usage = "Usage: ScanShare.Web backup [--to FILE] | restore --from FILE";

    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    /// <returns>The process exit code: 0 done, 1 refused or failed, 2 wrong usage.</returns>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        DatabaseLocation database;
        try
        {
            var connection = DatabaseHosting.Connection(builder.Configuration, builder.Environment);
            if (connection.Provider != DatabaseProvider.Sqlite)
            {
                await Console.Error.WriteLineAsync(
                    $"backup and restore copy the embedded SQLite file; a {connection.Provider} server is backed up and restored with its own tools (pg_dump and pg_restore, or base backups).");
                return 1;
            }

            database = new DatabaseLocation(connection.ConnectionString);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        try
        {
            switch (args)
            {
                case ["backup"]:
                case ["backup", "--to", _]:
                    var options = builder.Configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
                    var file = args is [_, _, var to] ? to : BackupFolder.For(database, options).FileFor(DateTimeOffset.UtcNow);
                    await DatabaseBackup.BackupAsync(database.ConnectionString, file);
                    Console.WriteLine($"Backed up {DatabaseBackup.DatabaseFile(database.ConnectionString)} to {Path.GetFullPath(file)}; integrity check ok.");
                    return 0;
                case ["restore", "--from", var from]:
                    var outcome = await DatabaseRestore.RestoreAsync(from, database.ConnectionString, DateTimeOffset.UtcNow);
                    Console.WriteLine($"Restored {outcome.Restored} from {Path.GetFullPath(from)}; integrity check ok.");
                    Console.WriteLine(outcome.KeptAside is null ? "There was no database before." : $"The database it replaced is kept as {outcome.KeptAside}.");
                    Console.WriteLine("Start ScanShare again.");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
