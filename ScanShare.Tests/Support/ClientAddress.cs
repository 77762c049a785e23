using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ScanShare.Tests.Support;

/// <summary>
/// The in-memory test server has no network, so no client address. This gives each request the address a test names
/// in <see cref="Header"/>, as if it had come from that machine, before anything in the app sees it.
/// </summary>
public static class ClientAddress
{
    public const string Header = "X-Test-Connection-Address";

    public static IWebHostBuilder UseClientAddressHeader(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, FromHeader>());

    public static void From(this HttpRequestMessage request, string address) => request.Headers.Add(Header, address);

    private sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextStep) =>
            {
                if (context.Request.Headers.Remove(Header, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextStep(context);
            });
            next(app);
        };
    }
}
