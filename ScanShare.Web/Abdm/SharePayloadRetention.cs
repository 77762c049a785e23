using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Data;

namespace ScanShare.Web.Abdm;

/// <summary>Clears raw share payloads (patient data kept for audit) once they are older than the retention period.</summary>
public sealed class SharePayloadRetention(
    IServiceScopeFactory scopes,
    IOptions<AbdmGatewayOptions> options,
    TimeProvider clock,
    ILogger<SharePayloadRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var purged = await PurgeAsync(stoppingToken);
            if (purged > 0)
            {
                logger.LogInformation("Cleared {Count} share payloads older than {Days} days", purged, options.Value.PayloadRetentionDays);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.PayloadRetentionDays);
        return await db.ShareRecords
            .Where(s => s.ReceivedAt < cutoff && s.RawPayload != null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RawPayload, (string?)null), cancellationToken);
    }
}
