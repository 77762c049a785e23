using ScanShare.Web.Staff;

namespace ScanShare.Web.Live;

public static class LiveHosting
{
    /// <remarks>Several app instances would add a Redis backplane here (<c>AddStackExchangeRedis</c>).</remarks>
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<QueueEventRelay>();
        return builder;
    }

    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        app.MapHub<QueueHub>(QueueHub.Path).RequireAuthorization(StaffPolicies.AnyStaff);
        return app;
    }
}
