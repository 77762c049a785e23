using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ScanShare.Tests.Support.Servers;

/// <summary>
/// A throwaway Redis server on loopback, without persistence: one shared per test process (<see cref="SharedAsync"/>, never
/// disposed by a test), or one a test owns (<see cref="StartOwnAsync"/>) to stop and start again while its clients reconnect.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<RedisServer>> _shared = new(StartOwnAsync);

    private readonly ServerFolder _folder;
    private readonly string _executable;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private RedisServer(ServerFolder folder, string executable, int port)
    {
        _folder = folder;
        _executable = executable;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public int Port { get; }

    /// <summary>What <c>ConnectionMultiplexer.Connect</c> takes.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static Task<RedisServer> SharedAsync() => _shared.Value;

    public static async Task<RedisServer> StartOwnAsync()
    {
        var executable = ServerCommand.FindOnPath("redis-server")
            ?? (File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null)
            ?? throw new InvalidOperationException("redis-server was found neither on PATH nor in /usr/bin; test.sh installs it (Debian package redis-server).");
        DeleteOrphans();

        var server = new RedisServer(ServerFolder.Create("redis"), executable, ServerFolder.FreePort());
        try
        {
            await server.StartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the server again on the same port, empty.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"Redis on port {Port} is already running.");
        }

        // Through sh waiting on a pipe only this process holds open, so the server goes when this process goes, however it goes.
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-c", """ "$@" & read _; kill $! """, "sh",
            _executable, "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--protected-mode", "yes", "--dir", _folder.Path,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _output.Clear();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Collect(line.Data);
        process.ErrorDataReceived += (_, line) => Collect(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var answered = await Eventually.TrueAsync(async () => process.HasExited || await AnswersPingAsync(Port), TimeSpan.FromSeconds(30));
        if (process.HasExited || !answered)
        {
            throw new InvalidOperationException(
                $"Redis did not answer PING on port {Port} ({(process.HasExited ? $"exited with {process.ExitCode}" : "still starting after 30 s")}):\n{string.Join('\n', _output)}");
        }
    }

    /// <summary>Kills the server, as a crash or a restart would, so clients lose their connections.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();

        // Killing the tree does not wait for redis-server itself; a start on the port before it has let go would fail.
        await Eventually.TrueAsync(async () => !await AnswersPingAsync(Port), TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await StopAsync();
        _folder.Dispose();
    }

    /// <summary>Whether a Redis server answers on the port: a plain <c>PING</c>, so no client library's reconnecting gets in the way.</summary>
    public static async Task<bool> AnswersPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var answer = new byte[7];
            var read = 0;
            while (read < answer.Length && await stream.ReadAsync(answer.AsMemory(read), timeout.Token) is > 0 and var count)
            {
                read += count;
            }

            return Encoding.ASCII.GetString(answer, 0, read) == "+PONG\r\n";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        _folder.Dispose();
    }

    private static void DeleteOrphans()
    {
        foreach (var orphan in ServerFolder.Orphans("redis"))
        {
            ServerFolder.Delete(orphan);
        }
    }
}
