using Npgsql;

namespace ScanShare.Bench.Cluster;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder on a loopback port, with its defaults (fsync and synchronous commit
/// on, so a 202 costs a flush to disk as it would in production). The server refuses to run as root, so initdb and
/// pg_ctl run as the postgres user, which owns the folder.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly string Binaries = Environment.GetEnvironmentVariable("PG_BIN") ?? FindBinaries();
    private readonly string _directory;
    private readonly int _port;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        _port = port;
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Maximum Pool Size=64";

    /// <summary>How many times the server broke a deadlock by failing one of the transactions (each is retried by the app).</summary>
    public int DeadlocksInLog() =>
        File.ReadLines(Path.Combine(_directory, "server.log")).Count(line => line.Contains("deadlock detected", StringComparison.Ordinal));

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "scanshare-bench-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await ServerProcess.RunAsync("chown", "postgres:postgres", directory);
        var port = LoopbackPorts.Free();
        var data = Path.Combine(directory, "data");
        await AsPostgres("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        await AsPostgres("pg_ctl", "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-o",
            $"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c max_connections=300", "start");
        var server = new PostgresServer(directory, port);
        return server;
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await AsPostgres("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>initdb on the PATH, or else the newest of Debian's and Ubuntu's side-by-side versions.</summary>
    private static string FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
        const string debian = "/usr/lib/postgresql";
        return onPath
            ?? (Directory.Exists(debian)
                ? Directory.GetDirectories(debian).Select(v => Path.Combine(v, "bin")).Where(Directory.Exists)
                    .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0).FirstOrDefault()
                : null)
            ?? throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl were not found: install PostgreSQL or set PG_BIN to their folder.");
    }

    private static Task<string> AsPostgres(string tool, params string[] arguments) =>
        ServerProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, tool), .. arguments]);
}
