using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScanShare.Core.Abdm;

namespace ScanShare.Bench.Hosting;

/// <summary>
/// The least a server can do with a share: Kestrel parses the same body into the same contract type and answers 202.
/// No token check, no database, no callback; the ceiling the real app is measured against.
/// </summary>
public sealed class BareBaseline(WebApplication app) : ILoadTarget
{
    public string Name => "Bare Kestrel";

    public Uri BaseAddress { get; } = new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<BareBaseline> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/v3/hip/patient/share", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var body = await request.ReadFromJsonAsync<V3ShareBody>(System.Text.Json.JsonSerializerOptions.Web, cancellationToken);
            return body is null ? Results.BadRequest() : Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        return new BareBaseline(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
