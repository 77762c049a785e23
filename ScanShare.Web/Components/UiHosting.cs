using MudBlazor.Services;

namespace ScanShare.Web.Components;

public static class UiHosting
{
    public static WebApplicationBuilder AddScanShareUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<Counters.DeskState>();
        builder.Services.AddSingleton<Counters.SlipLinks>();
        return builder;
    }

    public static WebApplication MapScanShareUi(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Tells whoever started the app where to point the browser.</summary>
    public static WebApplication LogReadyUrls(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("ScanShare is ready. Open {Urls} in a browser", string.Join(" or ", app.Urls)));
        return app;
    }
}
