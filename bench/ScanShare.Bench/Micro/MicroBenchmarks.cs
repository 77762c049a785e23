using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ScanShare.Bench.Micro;

/// <summary>
/// The share's hot path piece by piece: parsing the body, checking the gateway's token, taking the share in.
/// Run in this process (no separate build), short runs: enough to compare before and after a change.
/// </summary>
public static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "scanshare-micro-benchmarks"));
        BenchmarkSwitcher.FromTypes([typeof(ShareParsingBenchmarks), typeof(GatewayTokenBenchmarks), typeof(ShareIntakeBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}
