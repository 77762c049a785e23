using Microsoft.Extensions.DependencyInjection.Extensions;
using ScanShare.Core.Linking;
using ScanShare.Core.Queueing;
using ScanShare.Web.Health;
using ScanShare.Web.Staff;
using StackExchange.Redis;

namespace ScanShare.Web.Live;

public static class LiveHosting
{
    /// <summary>
    /// Live updates stay in this process unless <c>ConnectionStrings:Redis</c> is set; then they also go to and come from
    /// the other app instances through Redis.
    /// </summary>
    /// <remarks>
    /// The SignalR hub needs no Redis backplane: every instance receives every queue event and its
    /// <see cref="QueueEventRelay"/> sends it to the clients connected to that instance, whose group memberships are
    /// that instance's own. A backplane would deliver each message once per instance.
    /// </remarks>
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddHostedService<QueueEventRelay>();
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            builder.Services.AddRedisLiveUpdates(redis);
        }

        return builder;
    }

    public static WebApplication MapLiveUpdates(this WebApplication app)
    {
        app.MapHub<QueueHub>(QueueHub.Path).RequireAuthorization(StaffPolicies.AnyStaff);
        return app;
    }

    private static void AddRedisLiveUpdates(this IServiceCollection services, string configuration)
    {
        services.AddOptions<LiveUpdatesOptions>().BindConfiguration(LiveUpdatesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(configuration);
            // The app starts and serves its own screens while Redis is down, and the client keeps reconnecting.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddSingleton<LiveUpdatesOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdatesOutbox>());
        services.AddSingleton<LiveUpdatesListener>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdatesListener>());
        services.Replace(ServiceDescriptor.Singleton<IQueueEventPublisher, SharedQueueEventPublisher>());
        services.Replace(ServiceDescriptor.Singleton(sp => new VisitLinkChanges(sp.GetRequiredService<LiveUpdatesOutbox>().Send)));
        services.AddHealthChecks().AddCheck<LiveUpdatesCheck>("liveUpdates", tags: [HealthApi.Ready]);
    }
}
