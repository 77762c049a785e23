using ScanShare.Web.Simulator.Abha;

namespace ScanShare.Web.Simulator;

public static class SimulatorHosting
{
    public static bool IsSimulatorEnabled(this IConfiguration configuration) =>
        configuration.GetValue<bool>($"{GatewaySimulatorOptions.Section}:{nameof(GatewaySimulatorOptions.Enabled)}");

    /// <summary>The built-in gateway simulator, only when <c>Simulator:Enabled</c> is true.</summary>
    public static WebApplicationBuilder AddGatewaySimulator(this WebApplicationBuilder builder)
    {
        // Refused outside Development as the demo accounts are: it signs shares for anyone who asks, so anyone could
        // take tokens.
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<GatewaySimulatorOptions>()
            .BindConfiguration(GatewaySimulatorOptions.Section)
            .Validate(o => !o.Enabled || development,
                "Simulator:Enabled plays the ABDM gateway and issues tokens to anonymous callers, so it is only allowed in Development. " +
                "Remove it and set Abdm:Gateway instead.")
            .ValidateOnStart();
        if (!builder.Configuration.IsSimulatorEnabled())
        {
            return builder;
        }

        builder.Services.AddSingleton<SimulatorKeys>();
        builder.Services.AddSingleton<SimulatorInbox>();
        builder.Services.AddSingleton<SimulatedScanner>();
        builder.Services.AddSingleton<SimulatedAnswers>();
        builder.Services.AddSingleton<SimulatedLinking>();
        builder.Services.AddHttpClient(SimulatedScanner.HttpClientName);
        builder.Services.AddSingleton<AbhaSimulatorKeys>();
        builder.Services.AddSingleton<SimulatedAbhaDirectory>();
        builder.Services.AddSingleton<SimulatedOtps>();
        return builder;
    }

    public static WebApplication MapGatewaySimulator(this WebApplication app)
    {
        if (app.Configuration.IsSimulatorEnabled())
        {
            app.MapGatewaySimulatorApi();
            app.MapAbhaSimulatorApi();
        }

        return app;
    }
}
