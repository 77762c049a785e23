using ScanShare.Bench.Cluster;
using ScanShare.Bench.Reporting;

namespace ScanShare.Bench;

/// <summary>
/// One run, the same phases, four targets one after the other: the bare baseline, SQLite × 1, PostgreSQL × 1 and
/// PostgreSQL × 2 behind nginx. Each app configuration starts from empty servers and is stopped before the next.
/// </summary>
public sealed class CompareRun(BenchSettings settings, TextWriter progress)
{
    private static readonly (DatabaseKind Database, int Instances)[] Configurations =
        [(DatabaseKind.Sqlite, 1), (DatabaseKind.Postgres, 1), (DatabaseKind.Postgres, 2)];

    public async Task<CompareReport> RunAsync()
    {
        var loadBeforeRun = MachineLoad.Read();
        var run = new BenchRun(settings, progress);
        var rows = new List<CompareRow>();
        foreach (var (database, instances) in Configurations)
        {
            await using var app = await AppCluster.StartAsync(database, instances, progress);
            var plan = await run.PlanAsync(app);
            if (rows.Count == 0)
            {
                var baseline = await run.BaselineAsync(plan);
                rows.Add(CompareRow.Baseline(baseline));
            }

            var result = await run.MeasureAppAsync(app, plan);
            rows.Add(CompareRow.App(app.Name, result, crossesBus: instances > 1));
        }

        var (cores, os, runtime) = BenchReport.Machine();
        return new CompareReport(rows, settings.Subscribers, settings.MaxConcurrency, cores, os, runtime, loadBeforeRun, MachineLoad.Read());
    }
}
