using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ScanShare.Web.Simulator;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Where the ABDM gateway is: the configured base URL, or, with no URL and the built-in simulator enabled, the
/// simulator at this app's own address (known only once the server listens, so resolved on first use).
/// </summary>
public sealed class GatewayAddress(IOptions<AbdmGatewayOptions> options, IServer server, IConfiguration configuration)
{
    public const string SimulatorPath = "/simulator/gateway/";

    public Uri BaseUri => options.Value.BaseUrl is { Length: > 0 } configured
        ? new Uri(configured.EndsWith('/') ? configured : configured + "/")
        : new Uri(SelfAddress(server), SimulatorPath);

    public Uri JwksUri => options.Value.JwksUrl is { Length: > 0 } jwks ? new Uri(jwks) : new Uri(BaseUri, "gateway/v3/certs");

    /// <summary>Development and demos: the only setting in which the gateway may be reached over plain http.</summary>
    public bool SimulatorEnabled => configuration.IsSimulatorEnabled();

    /// <summary>An address this app listens on, with wildcard hosts replaced by loopback; <c>http://localhost</c> in a test host.</summary>
    public static Uri SelfAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? "http://localhost";
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }
}
