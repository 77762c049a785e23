namespace ScanShare.Web.Hosting;

public static class ErrorHandling
{
    public static WebApplicationBuilder AddScanShareErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Machine clients (APIs, health) get RFC 7807 problem details for every error; people get the app's error and
    /// not-found pages.
    /// </summary>
    public static WebApplication UseScanShareErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsMachineRequest, machine =>
        {
            machine.UseExceptionHandler();
            machine.UseStatusCodePages();
        });
        app.UseWhen(context => !IsMachineRequest(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error", createScopeForErrors: true);
            }

            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        return app;
    }

    private static bool IsMachineRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || context.Request.Path.StartsWithSegments("/v0.5")
        || context.Request.Path.StartsWithSegments("/v1.0")
        || context.Request.Path.StartsWithSegments("/hubs")
        || context.Request.Path.StartsWithSegments("/health");
}
