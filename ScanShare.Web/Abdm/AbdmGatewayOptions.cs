using System.ComponentModel.DataAnnotations;

namespace ScanShare.Web.Abdm;

/// <summary>How ScanShare reaches the ABDM gateway and recognises its calls (section <c>Abdm:Gateway</c>).</summary>
public sealed class AbdmGatewayOptions
{
    public const string Section = "Abdm:Gateway";

    /// <summary>
    /// The gateway's base URL, e.g. <c>https://dev.abdm.gov.in/api/hiecm</c>. Left empty while the built-in simulator
    /// is enabled, the app talks to the simulator at its own address under <c>/simulator/gateway</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The gateway's published signing keys (JWKS); defaults to <c>{BaseUrl}/gateway/v3/certs</c>.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>The audience the gateway puts in the tokens it sends us.</summary>
    [Required]
    public string Audience { get; set; } = "account";

    /// <summary>Our client id and secret for the gateway's sessions endpoint (callbacks need a session token).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The consent manager id sent as <c>X-CM-ID</c>: <c>sbx</c> in the sandbox, <c>abdm</c> in production.</summary>
    [Required]
    public string CmId { get; set; } = "sbx";

    /// <summary>How long an undelivered on-share callback is retried before it is shown to supervisors as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan CallbackGiveUpAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long the messages an instance has claimed to send stay its own; an instance that dies holds its claims
    /// this long before another instance sends them. Longer than a batch can take (a few rounds of 20 s calls).
    /// </summary>
    public TimeSpan CallbackClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many callbacks are sent at the same time.</summary>
    [Range(1, 64)]
    public int CallbackConcurrency { get; set; } = 8;

    /// <summary>How long raw share payloads and finished callback bodies are kept for audit before they are cleared.</summary>
    [Range(1, 3650)]
    public int PayloadRetentionDays { get; set; } = 30;
}
