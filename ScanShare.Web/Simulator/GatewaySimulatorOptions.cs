namespace ScanShare.Web.Simulator;

/// <summary>The built-in gateway simulator (section <c>Simulator</c>): on in Development and demos, off by default.</summary>
public sealed class GatewaySimulatorOptions
{
    public const string Section = "Simulator";

    public bool Enabled { get; set; }

    /// <summary>The client credentials the simulated sessions endpoint accepts.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";
}
