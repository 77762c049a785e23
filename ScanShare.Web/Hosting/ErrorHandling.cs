namespace ScanShare.Web.Hosting;

public static class ErrorHandling
{
    public static WebApplicationBuilder AddScanShareErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();

        // A query value or form that does not bind throws in every environment, so it reaches ClientMistakes below
        // and is logged the same way everywhere.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>
    /// Machine clients (APIs, health) get RFC 7807 problem details for every error; people get the app's error and
    /// not-found pages.
    /// </summary>
    public static WebApplication UseScanShareErrorHandling(this WebApplication app)
    {
        // Outer handlers serve people; the machine branch inside them answers first and so takes precedence.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(IsMachineRequest, machine =>
        {
            // A query value that does not bind (e.g. a malformed date) is the client's mistake: 400, not 500.
            machine.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            machine.UseStatusCodePages();
        });
        app.UseMiddleware<ClientMistakes>();
        return app;
    }

    public static bool IsMachineRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || context.Request.Path.StartsWithSegments("/v0.5")
        || context.Request.Path.StartsWithSegments("/v1.0")
        || context.Request.Path.StartsWithSegments("/hubs")
        || context.Request.Path.StartsWithSegments("/health")
        || context.Request.Path.StartsWithSegments("/qr")
        || context.Request.Path.StartsWithSegments("/reports")
        || context.Request.Path.StartsWithSegments("/simulator/gateway");
}
