using System.Diagnostics;

namespace ScanShare.Tests.Support.Servers;

internal static class ServerCommand
{
    public static async Task<CommandResult> RunAsync(string file, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within 90 s.");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    public static async Task<CommandResult> RunOrThrowAsync(string file, params IEnumerable<string> arguments)
    {
        var result = await RunAsync(file, arguments);
        return result.ExitCode == 0 ? result : throw Failed(result, file, arguments);
    }

    public static InvalidOperationException Failed(CommandResult result, string file, IEnumerable<string> arguments, string? more = null) =>
        new($"""
            {file} {string.Join(' ', arguments)} exited with {result.ExitCode}.
            stdout: {result.Output}
            stderr: {result.Error}
            {more}
            """);

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
