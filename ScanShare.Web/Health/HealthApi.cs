using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScanShare.Core.Data;

namespace ScanShare.Web.Health;

public static class HealthApi
{
    /// <summary>The tag of the checks that must pass before a load balancer sends this instance work.</summary>
    public const string Ready = "ready";

    public static WebApplicationBuilder AddScanShareHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<ScanShareDbContext>("database", tags: [Ready]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> answers 200 with each check's status, or 503 when one fails; <c>/health/ready</c> the same over
    /// the checks a load balancer needs; <c>/health/live</c> 200 while the process runs, checking nothing.
    /// </summary>
    public static IEndpointRouteBuilder MapScanShareHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync })
            .DisableHttpMetrics();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJsonAsync })
            .DisableHttpMetrics();
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .DisableHttpMetrics();
        return endpoints;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        }, JsonSerializerOptions.Web);
    }
}
