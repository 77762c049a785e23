namespace ScanShare.Core.Abdm;

/// <summary>
/// Calls on our gateway endpoints that were refused (400, 401, 404, 413, 415), counted per hour, path, status and
/// reason, so a wrong audience or key URL shows on the supervisor's page within minutes and a flood of bad calls
/// stays a handful of rows.
/// </summary>
public sealed class RefusedGatewayCall
{
    public long Id { get; set; }

    /// <summary>The UTC hour the calls fell in.</summary>
    public DateTime Hour { get; set; }
    public required string Path { get; set; }
    public int Status { get; set; }

    /// <summary>Why, in our words: never the caller's token or a patient's data.</summary>
    public required string Reason { get; set; }
    public int Count { get; set; }
    public DateTime FirstAt { get; set; }
    public DateTime LastAt { get; set; }
}
