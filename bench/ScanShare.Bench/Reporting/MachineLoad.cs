using System.Globalization;

namespace ScanShare.Bench.Reporting;

/// <summary>
/// The machine's load average and CPU pressure (the share of time some task waited for a core) over the last minute,
/// read from Linux's /proc; null elsewhere. Figures from a machine busy with other work are not comparable.
/// </summary>
public sealed record MachineLoad(double LoadAverage1m, double? CpuPressure60sPercent)
{
    public static MachineLoad? Read()
    {
        try
        {
            var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
            double? pressure = null;
            if (File.Exists("/proc/pressure/cpu"))
            {
                var some = File.ReadLines("/proc/pressure/cpu").First().Split(' ');
                pressure = double.Parse(some.Single(f => f.StartsWith("avg60=", StringComparison.Ordinal))["avg60=".Length..], CultureInfo.InvariantCulture);
            }

            return new MachineLoad(load, pressure);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
