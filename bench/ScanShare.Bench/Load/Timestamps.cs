using System.Diagnostics;

namespace ScanShare.Bench.Load;

/// <summary>One monotonic clock for the whole process, so send, answer, push and callback times compare directly.</summary>
public static class Timestamps
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static long After(long from, TimeSpan span) => from + (long)(span.TotalSeconds * Stopwatch.Frequency);
}
