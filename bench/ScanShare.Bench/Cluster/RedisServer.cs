using System.Diagnostics;

namespace ScanShare.Bench.Cluster;

/// <summary>A throwaway redis-server on a loopback port, without persistence: the instances' pub/sub bus.</summary>
public sealed class RedisServer(Process process, int port, string directory) : IAsyncDisposable
{
    public string ConnectionString => $"127.0.0.1:{port}";

    public static async Task<RedisServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "scanshare-bench-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.Free();
        var process = ServerProcess.Start("redis-server",
            ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory],
            Path.Combine(directory, "redis.log"));
        await LoopbackPorts.WaitUntilListeningAsync(port, "redis-server", TimeSpan.FromSeconds(10));
        return new RedisServer(process, port, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await ServerProcess.StopAsync(process);
        Directory.Delete(directory, recursive: true);
    }
}
