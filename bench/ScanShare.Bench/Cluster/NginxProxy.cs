using System.Diagnostics;

namespace ScanShare.Bench.Cluster;

/// <summary>
/// A throwaway nginx in front of the instances with the cluster's own configuration, rendered by
/// <c>deploy/cluster/cluster.sh render-nginx</c> (hash on the affinity cookie, requests without it spread request by
/// request, WebSocket upgrade). The benchmark adds one header to it: each answer names the instance that served it in
/// <c>X-Upstream</c>, so the benchmark can tell which instance took each share.
/// </summary>
public sealed class NginxProxy(Process process, string directory) : IAsyncDisposable
{
    public const string UpstreamHeader = "X-Upstream";

    public Uri BaseAddress { get; private init; } = null!;

    /// <param name="firstInstancePort">The instances listen on this port and the next ones, as cluster.sh lays them out.</param>
    public static async Task<NginxProxy> StartAsync(string repositoryRoot, int firstInstancePort, int instances)
    {
        var directory = Path.Combine(Path.GetTempPath(), "scanshare-bench-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.Free();
        var script = Path.Combine(repositoryRoot, "deploy", "cluster", "cluster.sh");
        await ServerProcess.RunAsync(
            "env",
            $"SCANSHARE_INSTANCES={instances}", $"SCANSHARE_INSTANCE_PORT={firstInstancePort}", $"SCANSHARE_PROXY_PORT={port}",
            $"SCANSHARE_CLUSTER_DIR={directory}", "bash", script, "render-nginx", directory);
        var config = Path.Combine(directory, "nginx.conf");
        var rendered = await File.ReadAllTextAsync(config);
        const string proxyPass = "proxy_pass http://scanshare;";
        if (!rendered.Contains(proxyPass, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The cluster's nginx configuration no longer has '{proxyPass}'; the benchmark adds its {UpstreamHeader} header after it.");
        }

        await File.WriteAllTextAsync(config, rendered.Replace(proxyPass, $"{proxyPass}\n            add_header {UpstreamHeader} $upstream_addr always;", StringComparison.Ordinal));
        var process = ServerProcess.Start("nginx", ["-p", directory, "-c", "nginx.conf", "-e", "logs/nginx-error.log", "-g", "daemon off;"], Path.Combine(directory, "stderr.log"));
        await LoopbackPorts.WaitUntilListeningAsync(port, "nginx", TimeSpan.FromSeconds(10));
        return new NginxProxy(process, directory) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public async ValueTask DisposeAsync()
    {
        await ServerProcess.StopAsync(process);
        Directory.Delete(directory, recursive: true);
    }
}
