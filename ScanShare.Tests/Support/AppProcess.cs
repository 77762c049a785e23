using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ScanShare.Tests.Support;

/// <summary>
/// The app as a process of its own (<c>dotnet ScanShare.Web.dll</c>) on a loopback port, for what only a real process
/// shows: being killed outright, with no chance to finish or to record anything.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="settings">Configuration keys (<c>Section:Key</c>) and values, passed as environment variables.</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? readyWithin = null)
    {
        var port = FreePort();
        var start = AppCommand.StartInfo(["--urls", $"http://127.0.0.1:{port}"]);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await app.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(60));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the process at once, as a crash or a pulled plug would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Eventually.TrueAsync(async () => _process.HasExited || await AnswersReadyAsync(http), timeout);
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting:\n{Output}");
        }

        if (ready)
        {
            return;
        }

        throw new TimeoutException($"The app did not become ready within {timeout}:\n{Output}");
    }

    private static async Task<bool> AnswersReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
