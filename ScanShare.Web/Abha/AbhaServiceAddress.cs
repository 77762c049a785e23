using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using ScanShare.Web.Abdm;

namespace ScanShare.Web.Abha;

/// <summary>Where the ABHA service is: the configured base URL, or the built-in simulator at this app's own address.</summary>
public sealed class AbhaServiceAddress(IOptions<AbhaServiceOptions> options, IServer server)
{
    public const string SimulatorPath = "/simulator/abha/api/v3/";

    public Uri BaseUri => options.Value.BaseUrl is { Length: > 0 } configured
        ? new Uri(configured.EndsWith('/') ? configured : configured + "/")
        : new Uri(GatewayAddress.SelfAddress(server), SimulatorPath);

    /// <summary>A path below the base, such as <c>profile/login/verify</c>.</summary>
    public Uri For(string path) => new(BaseUri, path);
}
