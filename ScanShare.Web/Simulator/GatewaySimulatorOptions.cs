namespace ScanShare.Web.Simulator;

/// <summary>The built-in gateway simulator (section <c>Simulator</c>): on in Development and demos, off by default.</summary>
public sealed class GatewaySimulatorOptions
{
    public const string Section = "Simulator";

    public bool Enabled { get; set; }

    /// <summary>The client credentials the simulated sessions endpoint accepts.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>How long the simulated gateway takes to answer a linking call, as the real one takes a second or two.</summary>
    public TimeSpan AnswerDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long the link tokens it issues are valid; the gateway's are valid up to six months.</summary>
    public TimeSpan LinkTokenLifetime { get; set; } = TimeSpan.FromDays(180);
}
