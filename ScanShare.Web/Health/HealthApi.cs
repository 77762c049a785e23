using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScanShare.Core.Data;

namespace ScanShare.Web.Health;

public static class HealthApi
{
    public static WebApplicationBuilder AddScanShareHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<ScanShareDbContext>("database");
        return builder;
    }

    /// <summary><c>/health</c> answers 200 with each check's status, or 503 when the database is unreachable.</summary>
    public static IEndpointRouteBuilder MapScanShareHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync })
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
