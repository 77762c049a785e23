using System.Diagnostics;
using ScanShare.Tests.Support;
using ScanShare.Web.Hosting;

namespace ScanShare.Tests.Hosting;

/// <summary>The proxy configuration that deploy/cluster/cluster.sh writes, checked by nginx itself.</summary>
public sealed class ClusterProxyConfigTests : IDisposable
{
    private const string Nginx = "/usr/sbin/nginx";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scanshare-cluster-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheRenderedConfigPassesNginxsCheck()
    {
        var config = await RenderAsync(instances: 3);

        var check = await CheckAsync();

        Assert.True(check.ExitCode == 0, $"nginx -t failed:\n{check.Error}\n{config}");
        Assert.Contains("test is successful", check.Error);
    }

    [Fact]
    public async Task TheProxyHashesOnTheAppsAffinityCookieAndPassesWebSockets()
    {
        var config = await RenderAsync(instances: 3);

        var cookie = $"$cookie_{InstanceAffinity.CookieName}";
        Assert.Contains($"map {cookie} $affinity {{", config);
        Assert.Contains($"default {cookie};", config);
        Assert.Contains("\"\"      $request_id;", config);
        Assert.Contains("hash $affinity consistent;", config);
        Assert.Equal(
            ["127.0.0.1:25101", "127.0.0.1:25102", "127.0.0.1:25103"],
            config.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("server 127.", StringComparison.Ordinal))
                .Select(l => l.Split(' ')[1]));
        Assert.Contains("listen 127.0.0.1:28080;", config);
        Assert.Contains("proxy_http_version 1.1;", config);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", config);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", config);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", config);
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503;", config);
    }

    [Fact]
    public async Task TheSameCheckRefusesABrokenConfig()
    {
        var config = await RenderAsync(instances: 2);
        await File.WriteAllTextAsync(Path.Combine(_directory, "nginx.conf"), config.Replace("hash $affinity consistent;", "hash $affinity sticky;"));

        var check = await CheckAsync();

        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("invalid parameter \"sticky\"", check.Error);
    }

    private async Task<string> RenderAsync(int instances)
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "cluster", "cluster.sh");
        var render = await RunAsync("bash", [script, "render-nginx", _directory], new Dictionary<string, string>
        {
            ["SCANSHARE_INSTANCES"] = instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SCANSHARE_INSTANCE_PORT"] = "25101",
            ["SCANSHARE_PROXY_PORT"] = "28080",
        });
        Assert.True(render.ExitCode == 0, $"cluster.sh render-nginx failed:\n{render.Error}");
        return await File.ReadAllTextAsync(Path.Combine(_directory, "nginx.conf"));
    }

    /// <summary>As the script checks it before starting nginx, with the data folder as prefix.</summary>
    private Task<CommandResult> CheckAsync()
    {
        Assert.True(File.Exists(Nginx), $"{Nginx} is missing: ./test.sh installs nginx, or apt-get install nginx");
        return RunAsync(Nginx, ["-t", "-p", _directory, "-c", "nginx.conf", "-e", "logs/nginx-error.log"]);
    }

    private static async Task<CommandResult> RunAsync(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ScanShare.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException($"No ScanShare.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean if a file is still held.
        }
    }
}
