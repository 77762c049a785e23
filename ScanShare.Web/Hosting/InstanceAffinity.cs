using System.Security.Cryptography;
using ScanShare.Web.Abdm;

namespace ScanShare.Web.Hosting;

/// <summary>
/// A random cookie per browser for a proxy in front of several instances to hash on, so that every request of one
/// browser (the page, Blazor's negotiate and its WebSocket) reaches the instance that holds its circuit. The gateway's
/// calls and health probes get none: without it the proxy spreads them request by request.
/// </summary>
public static class InstanceAffinity
{
    /// <summary>Without a dot: nginx reads a cookie as <c>$cookie_NAME</c>, and a dot ends a variable's name.</summary>
    public const string CookieName = "ScanShareAffinity";

    /// <summary>The longest a browser keeps a cookie (Chrome caps it there).</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    /// <summary>Goes after transport security, so that a request a proxy received over https gets a secure cookie.</summary>
    public static WebApplication UseInstanceAffinity(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Cookies.ContainsKey(CookieName) && !context.Request.Path.StartsWithSegments("/health"))
            {
                // Decided as the response starts, when routing has found the endpoint and so knows a gateway call.
                context.Response.OnStarting(() =>
                {
                    if (context.GetEndpoint()?.Metadata.GetMetadata<GatewayInboundMetadata>() is null)
                    {
                        context.Response.Cookies.Append(CookieName, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new CookieOptions
                        {
                            HttpOnly = true,
                            SameSite = SameSiteMode.Lax,
                            Secure = context.Request.IsHttps,
                            Path = "/",
                            MaxAge = Lifetime,
                        });
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
