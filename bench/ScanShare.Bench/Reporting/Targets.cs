using System.Globalization;

namespace ScanShare.Bench.Reporting;

/// <summary>The targets of issue 6 (set for a 2-core machine), judged against one run.</summary>
public static class Targets
{
    public const double MinSharesPerSecond = 2_000;
    public const double MinRatioToBaseline = 0.3;
    public const double MaxScanToPushP99Ms = 50;
    public const double MaxOnShareP99Ms = 250;

    public static IReadOnlyList<TargetCheck> Judge(
        double sustained, double callbacksPerSecond, double ratio, double? pushP99, double? onShareP99, int duplicates, int lost, int errors5xx, int subscribers) =>
    [
        new("Sustained accepted shares", $"≥ {MinSharesPerSecond:0} /s, every callback delivered",
            $"{F(sustained)} /s accepted, {F(callbacksPerSecond)} /s callbacks delivered",
            sustained >= MinSharesPerSecond && callbacksPerSecond >= MinSharesPerSecond * 0.95 && lost == 0),
        new("Share of the bare baseline", $"≥ {MinRatioToBaseline:0.0}×", $"{ratio:0.00}×", ratio >= MinRatioToBaseline),
        new($"p99 scan → push at 200/s ({subscribers} subscribers)", $"< {MaxScanToPushP99Ms:0} ms", Ms(pushP99), pushP99 < MaxScanToPushP99Ms),
        new("p99 on-share callback at 200/s", $"< {MaxOnShareP99Ms:0} ms", Ms(onShareP99), onShareP99 < MaxOnShareP99Ms),
        new("Duplicate token numbers", "0", F(duplicates), duplicates == 0),
        new("Lost callbacks", "0", F(lost), lost == 0),
        new("5xx answers", "0", F(errors5xx), errors5xx == 0),
    ];

    private static string F(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "not measured";
}
