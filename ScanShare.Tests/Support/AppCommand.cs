using System.Diagnostics;

namespace ScanShare.Tests.Support;

public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>Runs the app's own command line (<c>dotnet ScanShare.Web.dll …</c>) as a separate process, as an operator would.</summary>
public static class AppCommand
{
    public static async Task<CommandResult> RunAsync(string dataDirectory, params string[] arguments)
    {
        var start = StartInfo(arguments);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary><c>dotnet ScanShare.Web.dll</c> with the given arguments, its output captured.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
