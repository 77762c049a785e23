using Microsoft.Extensions.Options;
using ScanShare.Web.Simulator;

namespace ScanShare.Web.Abha;

public static class AbhaHosting
{
    /// <summary>The ABHA service client the desk verifies patients with; its base URL is checked at start.</summary>
    public static WebApplicationBuilder AddAbhaService(this WebApplicationBuilder builder)
    {
        var simulatorEnabled = builder.Configuration.IsSimulatorEnabled();
        builder.Services.AddOptions<AbhaServiceOptions>()
            .BindConfiguration(AbhaServiceOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => simulatorEnabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _),
                "Abdm:Abha:BaseUrl must be the ABHA service's absolute URL, e.g. https://abhasbx.abdm.gov.in/abha/api/v3 (it may be left empty only while Simulator:Enabled is true).")
            .Validate(o => simulatorEnabled || IsHttps(o.BaseUrl),
                "Abdm:Abha:BaseUrl must be an https URL: patients' login ids and OTPs go to the ABHA service only over TLS (plain http is allowed only while Simulator:Enabled is true).")
            .ValidateOnStart();

        builder.Services.AddSingleton<AbhaServiceAddress>();
        builder.Services.AddSingleton<AbhaServiceCaller>();
        builder.Services.AddSingleton<AbhaPublicKey>();
        builder.Services.AddSingleton<AbhaOtpLogin>();
        builder.Services.AddHttpClient(AbhaServiceCaller.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<AbhaServiceOptions>>().Value.RequestTimeout);
        return builder;
    }

    private static bool IsHttps(string? url) =>
        string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
}
