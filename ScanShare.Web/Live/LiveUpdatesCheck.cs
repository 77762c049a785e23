using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ScanShare.Web.Live;

/// <summary>Healthy while this instance exchanges live updates with the others through Redis.</summary>
public sealed class LiveUpdatesCheck(LiveUpdatesListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable: screens here miss what the other app instances do."));
}
