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
        if (settings.Compare)
        {
            var comparison = await new CompareRun(settings, Console.Error).RunAsync();
            Console.WriteLine(comparison.ToJsonLine());
            if (settings.WriteDocs)
            {
                MarkdownSummary.WriteBetween(DocsPath(), CompareReport.Begin, CompareReport.End, comparison.ToMarkdown());
                Console.Error.WriteLine("Comparison written to docs/benchmarks.md");
            }

            return comparison.PromisesKept ? 0 : 2;
        }

        if (settings.BrowserScreens is { } browserScreens)
        {
            var screens = await new ScreensRun(settings, browserScreens, Console.Error).RunAsync();
            Console.WriteLine(screens.ToJsonLine());
            if (settings.WriteDocs)
            {
                MarkdownSummary.WriteBetween(DocsPath(), ScreensReport.Begin, ScreensReport.End, screens.ToMarkdown());
                Console.Error.WriteLine("Screens figures written to docs/benchmarks.md");
            }

            return 0;
        }

        var report = await new BenchRun(settings, Console.Error).RunAsync();
        Console.WriteLine(report.ToJsonLine());
        if (settings.WriteDocs)
        {
            MarkdownSummary.WriteInto(DocsPath(), report);
            Console.Error.WriteLine("Summary written to docs/benchmarks.md");
        }

        // Figures below target are reported, not failed; a broken promise (duplicate, lost callback, 5xx) fails the run.
        return report.DuplicateTokens == 0 && report.LostCallbacks == 0 && report.Errors5xx == 0 ? 0 : 2;
    }

    private static string DocsPath() => Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ScanShare.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the ScanShare repository: docs/benchmarks.md is written there, and a cluster takes its nginx configuration from deploy/cluster.");
    }
}
