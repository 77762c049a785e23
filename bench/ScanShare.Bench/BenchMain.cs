using ScanShare.Bench.Micro;
using ScanShare.Bench.Reporting;
using ScanShare.Bench.Reports;

namespace ScanShare.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/ScanShare.Bench</c>: the load and latency benchmark, one JSON line on
/// standard output and a summary in docs/benchmarks.md. With <c>--micro</c>: the hot path's micro-benchmarks. With
/// <c>--reports</c>: the supervisor's daily report over a year of a busy hospital's tokens.
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--micro"))
        {
            MicroBenchmarks.Run([.. args.Where(a => a != "--micro")]);
            return 0;
        }

        if (args.Contains("--reports"))
        {
            return await DailyReportBench.RunAsync(Console.Error);
        }

        var settings = BenchSettings.FromArgs(args);
        var report = await new BenchRun(settings, Console.Error).RunAsync();
        Console.WriteLine(report.ToJsonLine());
        if (settings.WriteDocs)
        {
            var path = Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
            MarkdownSummary.WriteInto(path, report);
            Console.Error.WriteLine("Summary written to docs/benchmarks.md");
        }

        // Figures below target are reported, not failed; a broken promise (duplicate, lost callback, 5xx) fails the run.
        return report.DuplicateTokens == 0 && report.LostCallbacks == 0 && report.Errors5xx == 0 ? 0 : 2;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScanShare.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the ScanShare repository: docs/benchmarks.md is written there.");
    }
}
