namespace ScanShare.Bench.Reporting;

/// <summary>One of the targets of issue 6, with what this run measured.</summary>
public sealed record TargetCheck(string Name, string Goal, string Measured, bool Met);
