using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace ScanShare.Tests.Support.Servers;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback with its data in a temp folder: one per test process, started on first use
/// and stopped when the process exits. Each test takes its own database, fresh or copied from a template.
/// </summary>
public sealed class PostgresServer
{
    private const int PoolSize = 50;
    private static readonly Lazy<Task<PostgresServer>> _shared = new(StartAsync);

    private readonly ServerFolder _folder;
    private readonly string _binaries;
    private readonly int _port;
    private readonly SemaphoreSlim _creating = new(1, 1);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _templates = new();

    private PostgresServer(ServerFolder folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        _port = port;
    }

    private string DataFolder => Path.Combine(_folder.Path, "data");

    public static Task<PostgresServer> SharedAsync() => _shared.Value;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
        MaxPoolSize = PoolSize,
        // Every test database gets its own pool and no test returns to it, so idle connections are closed soon
        // rather than after the default five minutes, which would let them pile up to max_connections.
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 5,
    }.ConnectionString;

    /// <summary>Creates a database with a fresh name, empty or copied from <paramref name="template"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await CreateAsync(name, template);
        return ConnectionString(name);
    }

    /// <summary>
    /// Creates the template <paramref name="name"/> once per test process: <paramref name="prepare"/> gets its connection string
    /// (to migrate it, say), then no one may connect to it any more so that databases can be copied from it.
    /// </summary>
    public Task CreateTemplateOnceAsync(string name, Func<string, Task> prepare) =>
        _templates.GetOrAdd(name, _ => new Lazy<Task>(() => CreateTemplateAsync(name, prepare))).Value;

    private async Task CreateTemplateAsync(string name, Func<string, Task> prepare)
    {
        await CreateAsync(name, template: null);
        var connectionString = ConnectionString(name);
        await prepare(connectionString);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"ALTER DATABASE {Quote(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name.Replace("'", "''")}'");
    }

    private async Task CreateAsync(string name, string? template)
    {
        var sql = $"CREATE DATABASE {Quote(name)}" + (template is null ? "" : $" TEMPLATE {Quote(template)}");
        await _creating.WaitAsync();
        try
        {
            // The template is copied only while no one else is connected to it; a copy made a moment earlier can still count.
            PostgresException? inUse = null;
            var created = await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await ExecuteAsync(sql);
                    return true;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
                {
                    inUse = e;
                    return false;
                }
            }, TimeSpan.FromSeconds(10));
            if (!created)
            {
                throw inUse!;
            }
        }
        finally
        {
            _creating.Release();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries();
        foreach (var orphan in ServerFolder.Orphans("postgres"))
        {
            await RunAsync(binaries, "pg_ctl", "stop", "-D", Path.Combine(orphan, "data"), "-m", "immediate");
            ServerFolder.Delete(orphan);
        }

        var folder = ServerFolder.Create("postgres", path => Command(binaries, "pg_ctl", "stop", "-D", Path.Combine(path, "data"), "-m", "immediate"));
        var server = new PostgresServer(folder, binaries, ServerFolder.FreePort());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        if (RunsAsPostgres)
        {
            await ServerCommand.RunOrThrowAsync("chown", "-R", "postgres:", folder.Path);
        }

        await server.InitAsync();
        await server.StartServerAsync();
        return server;
    }

    private async Task InitAsync()
    {
        string[] common = ["-D", DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8"];
        var withLocale = await RunAsync(_binaries, "initdb", [.. common, "--locale=C.UTF-8"]);
        if (withLocale.ExitCode == 0)
        {
            return;
        }

        var withoutLocale = await RunAsync(_binaries, "initdb", [.. common, "--no-locale"]);
        if (withoutLocale.ExitCode != 0)
        {
            throw ServerCommand.Failed(withoutLocale, "initdb", common, $"With --locale=C.UTF-8 first: {withLocale.Output} {withLocale.Error}");
        }
    }

    private async Task StartServerAsync()
    {
        var log = Path.Combine(_folder.Path, "server.log");
        string[] start =
        [
            "start", "-w", "-t", "60", "-D", DataFolder, "-l", log, "-o",
            $"-c listen_addresses=127.0.0.1 -p {_port} -c unix_socket_directories={_folder.Path} " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
        ];
        var result = await RunAsync(_binaries, "pg_ctl", start);
        if (result.ExitCode != 0)
        {
            throw ServerCommand.Failed(result, "pg_ctl", start, File.Exists(log) ? $"server log: {File.ReadAllText(log)}" : null);
        }
    }

    private void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        RunAsync(_binaries, "pg_ctl", "stop", "-D", DataFolder, "-m", "immediate").GetAwaiter().GetResult();
        _folder.Dispose();
    }

    // initdb refuses to run as root, and the server would refuse too.
    private static bool RunsAsPostgres => Environment.IsPrivilegedProcess;

    private static Task<CommandResult> RunAsync(string binaries, string program, params IEnumerable<string> arguments) =>
        Command(binaries, program, arguments) is [var file, .. var rest] ? ServerCommand.RunAsync(file, rest) : throw new UnreachableException();

    private static string[] Command(string binaries, string program, params IEnumerable<string> arguments)
    {
        var path = Path.Combine(binaries, program);
        return RunsAsPostgres ? ["runuser", "-u", "postgres", "--", path, .. arguments] : [path, .. arguments];
    }

    private static string FindBinaries()
    {
        if (ServerCommand.FindOnPath("initdb") is { } initdb && File.Exists(Path.Combine(Path.GetDirectoryName(initdb)!, "pg_ctl")))
        {
            return Path.GetDirectoryName(initdb)!;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : -1, Bin: Path.Combine(version, "bin")))
                .Where(v => v.Version >= 0 && File.Exists(Path.Combine(v.Bin, "initdb")))
                .OrderByDescending(v => v.Version)
                .Select(v => v.Bin)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL's initdb and pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin; test.sh installs them (Debian package postgresql).");
    }
}
