using System.ComponentModel.DataAnnotations;

namespace ScanShare.Web.Hosting;

/// <summary>
/// How the app meets the network outside Development (section <c>Hosting</c>): https, HSTS and the reverse proxies
/// whose forwarded headers are believed.
/// </summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>Sends browsers that arrive over plain http to https. Off only where a proxy in front already does.</summary>
    public bool HttpsRedirection { get; set; } = true;

    /// <summary>
    /// The https port that redirects name, when the app cannot see it: behind a proxy that terminates TLS, the
    /// proxy's port (443). Left empty when Kestrel itself serves https.
    /// </summary>
    [Range(1, 65535)]
    public int? HttpsPort { get; set; }

    /// <summary>How long browsers remember to use only https for this site (HSTS); 0 sends no HSTS header.</summary>
    [Range(0, 730)]
    public int HstsMaxAgeDays { get; set; } = 365;

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>
/// The reverse proxies allowed to say who the client is and whether it came over https (<c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c>). The app's own machine (loopback) is always one; headers from anyone else are ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
