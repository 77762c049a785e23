using Microsoft.Extensions.Http.Resilience;
using ScanShare.Web.Simulator;

namespace ScanShare.Web.Abdm;

public static class AbdmHosting
{
    /// <summary>The gateway endpoints, the verification of the gateway's calls, and the on-share callbacks.</summary>
    public static WebApplicationBuilder AddAbdmGateway(this WebApplicationBuilder builder)
    {
        var simulatorEnabled = builder.Configuration.IsSimulatorEnabled();
        builder.Services.AddOptions<AbdmGatewayOptions>()
            .BindConfiguration(AbdmGatewayOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => simulatorEnabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "Abdm:Gateway:BaseUrl must be the gateway's absolute URL (it may be left empty only while Simulator:Enabled is true).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Abdm:Gateway:ClientId and Abdm:Gateway:ClientSecret are required to send on-share callbacks.")
            .ValidateOnStart();

        builder.Services.AddSingleton<GatewayAddress>();
        builder.Services.AddSingleton<GatewaySessions>();
        builder.Services.AddHttpClient(GatewayAuthentication.HttpClientName)
            .AddStandardResilienceHandler(options =>
            {
                // Quick retries for a blip; the outbox retries for longer, with its own growing delays.
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(300);
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(20);
            });
        builder.Services.AddSingleton<OnShareDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OnShareDispatcher>());
        builder.Services.AddSingleton<SharePayloadRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SharePayloadRetention>());
        builder.AddGatewayAuthentication();
        return builder;
    }

    public static WebApplication MapAbdmGateway(this WebApplication app)
    {
        app.MapShareApi();
        return app;
    }
}
