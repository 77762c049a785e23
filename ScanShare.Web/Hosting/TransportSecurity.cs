using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ScanShare.Web.Hosting;

/// <summary>
/// Outside Development: cookies only over https, HSTS, and plain http redirected to https, whether Kestrel serves
/// TLS itself or a proxy in front does (then its forwarded headers tell the app the request was https).
/// </summary>
public static class TransportSecurity
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HostingOptions>, ProxyAddressValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Every hop is checked against the known proxies from the right, so a chain of them is followed no further
            // than the first address that is not one.
            forwarded.ForwardLimit = null;
            foreach (var proxy in hosting.Value.ForwardedHeaders.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in hosting.Value.ForwardedHeaders.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<HostingOptions>>((hsts, hosting) =>
            hsts.MaxAge = TimeSpan.FromDays(hosting.Value.HstsMaxAgeDays));
        builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HostingOptions>>((redirection, hosting) =>
        {
            redirection.HttpsPort = hosting.Value.HttpsPort;
            redirection.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
        });

        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.ConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        return builder;
    }

    /// <summary>Goes first: everything after it sees the client's address and scheme as the proxy reported them.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        app.Use(WarnAboutUnknownProxy(app.Logger));
        var hosting = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value;
        if (hosting.HstsMaxAgeDays > 0)
        {
            app.UseHsts();
        }

        if (hosting.HttpsRedirection)
        {
            // Health probes from a load balancer or monitor often come over plain http; the answer holds no secret.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        return app;
    }

    /// <summary>
    /// A proxy that is not listed sends its headers in vain: sign-in then fails or redirects loop. Say why, once.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> WarnAboutUnknownProxy(ILogger logger)
    {
        var warned = 0;
        return (context, next) =>
        {
            // The forwarded-headers stage removes the headers it believed; one still here came from an unknown sender.
            if (context.Request.Headers.ContainsKey("X-Forwarded-Proto") && Interlocked.Exchange(ref warned, 1) == 0)
            {
                logger.LogWarning("Ignored X-Forwarded-Proto from {Address}, which is not a known proxy: add it to " +
                    "Hosting:ForwardedHeaders:KnownProxies (or its network to KnownNetworks)", context.Connection.RemoteIpAddress);
            }

            return next(context);
        };
    }

    private sealed class ProxyAddressValidation : IValidateOptions<HostingOptions>
    {
        public ValidateOptionsResult Validate(string? name, HostingOptions options)
        {
            var settings = options.ForwardedHeaders;
            var errors = settings.KnownProxies
                .Select((proxy, i) => IPAddress.TryParse(proxy, out _) ? null
                    : $"Hosting:ForwardedHeaders:KnownProxies:{i}: '{proxy}' is not an IP address such as 10.0.0.5.")
                .Concat(settings.KnownNetworks.Select((network, i) => System.Net.IPNetwork.TryParse(network, out _) ? null
                    : $"Hosting:ForwardedHeaders:KnownNetworks:{i}: '{network}' is not a network in CIDR notation such as 10.0.0.0/24."))
                .OfType<string>()
                .ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
