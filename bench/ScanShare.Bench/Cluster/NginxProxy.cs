using System.Diagnostics;

namespace ScanShare.Bench.Cluster;

/// <summary>
/// A throwaway nginx in front of the instances, configured as the cluster's: a request with the affinity cookie
/// always reaches the same instance, a request without it (the gateway's shares) goes to any instance, WebSockets are
/// upgraded. Each answer names the instance that served it in <c>X-Upstream</c>, so the benchmark can tell which
/// instance took each share.
/// </summary>
public sealed class NginxProxy(Process process, string directory) : IAsyncDisposable
{
    public const string UpstreamHeader = "X-Upstream";
    public const string AffinityCookie = "scanshare_affinity";

    public Uri BaseAddress { get; private init; } = null!;

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> instances)
    {
        var directory = Path.Combine(Path.GetTempPath(), "scanshare-bench-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.Free();
        var servers = string.Concat(instances.Select(i => $"        server 127.0.0.1:{i.Port} max_fails=0;\n"));
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            user root;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 8192; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                map $cookie_{{AffinityCookie}} $affinity { default $cookie_{{AffinityCookie}}; '' $request_id; }
                upstream scanshare {
                    hash $affinity consistent;
            {{servers}}        keepalive 128;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://scanshare;
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 1h;
                        add_header {{UpstreamHeader}} $upstream_addr always;
                    }
                }
            }
            """);
        var process = ServerProcess.Start("nginx", ["-p", directory, "-c", config, "-e", Path.Combine(directory, "error.log")], Path.Combine(directory, "stderr.log"));
        await LoopbackPorts.WaitUntilListeningAsync(port, "nginx", TimeSpan.FromSeconds(10));
        return new NginxProxy(process, directory) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public async ValueTask DisposeAsync()
    {
        await ServerProcess.StopAsync(process);
        Directory.Delete(directory, recursive: true);
    }
}
