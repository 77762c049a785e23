using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ScanShare.Core.Linking;
using ScanShare.Web.Simulator;

namespace ScanShare.Web.Abdm;

public static class AbdmHosting
{
    /// <summary>The gateway endpoints, the verification of the gateway's calls, and the outbox of calls to the gateway.</summary>
    public static WebApplicationBuilder AddAbdmGateway(this WebApplicationBuilder builder)
    {
        var simulatorEnabled = builder.Configuration.IsSimulatorEnabled();
        builder.Services.AddOptions<AbdmGatewayOptions>()
            .BindConfiguration(AbdmGatewayOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => simulatorEnabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "Abdm:Gateway:BaseUrl must be the gateway's absolute URL (it may be left empty only while Simulator:Enabled is true).")
            .Validate(o => simulatorEnabled || IsHttpsOrEmpty(o.BaseUrl),
                "Abdm:Gateway:BaseUrl must be an https URL: the gateway is reached only over TLS (plain http is allowed only while Simulator:Enabled is true).")
            .Validate(o => simulatorEnabled || IsHttpsOrEmpty(o.JwksUrl),
                "Abdm:Gateway:JwksUrl must be an https URL: the gateway's signing keys are fetched only over TLS (plain http is allowed only while Simulator:Enabled is true).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Abdm:Gateway:ClientId and Abdm:Gateway:ClientSecret are required to send on-share callbacks.")
            .ValidateOnStart();

        builder.Services.AddOptions<LinkingOptions>()
            .BindConfiguration(LinkingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxRetryAfter >= o.ServiceDownRetryAfter,
                "Abdm:Linking:MaxRetryAfter must not be shorter than Abdm:Linking:ServiceDownRetryAfter.")
            .ValidateOnStart();
        builder.Services.AddSingleton<GatewayAddress>();
        builder.Services.AddSingleton<GatewayKeys>();
        builder.Services.AddSingleton<GatewayRequests>();
        builder.Services.AddSingleton<GatewaySessions>();
        builder.Services.AddSingleton<GatewayCaller>();
        builder.Services.AddHttpClient(GatewayAuthentication.HttpClientName)
            .AddStandardResilienceHandler(options =>
            {
                // Quick retries for a blip; the outbox retries for longer, with its own growing delays.
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(300);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
            });
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<GatewayRefusalLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayRefusalLog>());
        builder.Services.AddSingleton<GatewayPayloadRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayPayloadRetention>());
        builder.Services.AddSingleton<LinkingRetries>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LinkingRetries>());
        builder.AddGatewayAuthentication();
        return builder;
    }

    /// <summary>Logs and counts every refused gateway call; goes before authentication, whose 401s it must see.</summary>
    public static WebApplication UseGatewayRefusalLog(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<GatewayRefusalLog>();
        app.Use(async (context, next) =>
        {
            await next(context);
            log.Observe(context);
        });
        return app;
    }

    public static WebApplication MapAbdmGateway(this WebApplication app)
    {
        app.MapShareApi();
        app.MapLinkingApi();

        app.Lifetime.ApplicationStarted.Register(() => _ = FetchGatewayKeysAsync(app.Services));
        return app;
    }

    /// <summary>
    /// Fetching the keys once the server listens warms the cache for the first share and, when they cannot be fetched,
    /// logs an error with the URL at start rather than at the first patient.
    /// </summary>
    private static async Task FetchGatewayKeysAsync(IServiceProvider services)
    {
        try
        {
            var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(GatewayAuthentication.Scheme);
            await jwt.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // GatewayKeys has logged it with the URL, and the next gateway call tries again.
        }
    }

    private static bool IsHttpsOrEmpty(string? url) =>
        string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
}
