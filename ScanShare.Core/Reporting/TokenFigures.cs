using ScanShare.Core.Queueing;

namespace ScanShare.Core.Reporting;

/// <summary>
/// Counts of one set of tokens. <see cref="Issued"/> counts the tokens patients were given on arrival (scans and
/// walk-ins), so a patient transferred on is issued once; the states add up to <see cref="Issued"/> plus
/// <see cref="FromTransfer"/>, the tokens a transfer opened in another queue. <see cref="AbhaLinked"/>
/// counts the visits among them that the gateway linked to the patient's ABHA.
/// </summary>
/// <param name="FromScan">Scan and Share: the patient's ABHA app shared the profile through the gateway.</param>
/// <param name="FromAbhaQr">The patient's ABHA card or app QR scanned at the desk.</param>
/// <param name="FromOtpVerified">ABHA verified at the desk by OTP.</param>
public sealed record TokenFigures(
    int Issued,
    int Served,
    int Waiting,
    int InService,
    int NoShow,
    int Cancelled,
    int Transferred,
    int FromScan,
    int FromWalkIn,
    int FromTransfer,
    int AbhaLinked = 0,
    int FromAbhaQr = 0,
    int FromOtpVerified = 0)
{
    /// <summary>Every token of the set, arrivals and transfers in.</summary>
    public int Tokens => Issued + FromTransfer;

    public static TokenFigures Of(IReadOnlyCollection<ReportToken> tokens) => new(
        tokens.Count(t => t.Source != TokenSource.Transfer),
        tokens.Count(t => t.State == TokenState.Completed),
        tokens.Count(t => t.State == TokenState.Waiting),
        tokens.Count(t => t.State is TokenState.Called or TokenState.Serving),
        tokens.Count(t => t.State == TokenState.NoShow),
        tokens.Count(t => t.State == TokenState.Cancelled),
        tokens.Count(t => t.State == TokenState.Transferred),
        tokens.Count(t => t.Source == TokenSource.Scan),
        tokens.Count(t => t.Source == TokenSource.WalkIn),
        tokens.Count(t => t.Source == TokenSource.Transfer),
        tokens.Count(t => t.AbhaLinked),
        tokens.Count(t => t.Source == TokenSource.AbhaQr),
        tokens.Count(t => t.Source == TokenSource.OtpVerified));
}

/// <summary>Minutes from one moment of a token to another: average and 90th percentile (nearest rank).</summary>
public sealed record DurationStats(int Count, double? AverageMinutes, double? P90Minutes)
{
    public static DurationStats Of(IEnumerable<double> minutes)
    {
        var sorted = minutes.Order().ToArray();
        return sorted.Length == 0
            ? new(0, null, null)
            : new(sorted.Length, Math.Round(sorted.Average(), 1), Math.Round(sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1], 1));
    }
}

/// <summary>The columns of a token the reports need, instants in UTC.</summary>
public sealed record ReportToken(
    long Id,
    DateOnly ServiceDate,
    string Label,
    int QueueId,
    int? CounterId,
    TokenSource Source,
    TokenState State,
    PriorityLane Priority,
    DateTime IssuedAt,
    DateTime? FirstCalledAt,
    DateTime? CompletedAt,
    bool AbhaLinked = false)
{
    /// <summary>Issued → first called: how long the patient waited.</summary>
    public double? WaitMinutes => FirstCalledAt is { } called ? (called - IssuedAt).TotalMinutes : null;

    /// <summary>First called → completed: how long the counter took.</summary>
    public double? ServiceMinutes => FirstCalledAt is { } called && CompletedAt is { } done ? (done - called).TotalMinutes : null;
}
