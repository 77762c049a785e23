using System.ComponentModel.DataAnnotations;

namespace ScanShare.Web.Abha;

/// <summary>
/// How the desk reaches ABDM's ABHA service for OTP verification (section <c>Abdm:Abha</c>). It takes the same
/// session as the gateway (<c>Abdm:Gateway:ClientId</c> and <c>ClientSecret</c>), so it has no credentials of its own.
/// </summary>
public sealed class AbhaServiceOptions
{
    public const string Section = "Abdm:Abha";

    /// <summary>
    /// The ABHA service's v3 base URL, e.g. <c>https://abhasbx.abdm.gov.in/abha/api/v3</c>. Left empty while the
    /// built-in simulator is enabled, the desk talks to the simulated ABHA service under <c>/simulator/abha/api/v3</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>How long the desk waits for one answer of the ABHA service before telling the clerk it is not answering.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the service's public key (for encrypting login ids and OTPs) is used before it is fetched again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PublicKeyLifetime { get; set; } = TimeSpan.FromHours(1);
}
