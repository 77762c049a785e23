using System.Diagnostics;

namespace ScanShare.Bench.Load;

/// <summary>This process's CPU use over a span, as a percentage of all the machine's cores.</summary>
public sealed class CpuMeter : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly TimeSpan _cpuAtStart;
    private readonly long _startedAt = Timestamps.Now;

    private CpuMeter() => _cpuAtStart = _process.TotalProcessorTime;

    public static CpuMeter Start() => new();

    public double PercentOfMachine()
    {
        _process.Refresh();
        var cpu = (_process.TotalProcessorTime - _cpuAtStart).TotalMilliseconds;
        var wall = Timestamps.Milliseconds(_startedAt, Timestamps.Now);
        return Math.Round(100 * cpu / (wall * Environment.ProcessorCount), 1);
    }

    public void Dispose() => _process.Dispose();
}
