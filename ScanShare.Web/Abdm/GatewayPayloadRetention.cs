using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Data;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Clears what the gateway exchange copied of a patient once it is older than the retention period: raw share
/// payloads (kept for audit) and the bodies of callbacks that are finished (delivered, or given up and never sent
/// again). Callbacks still being tried keep their body, or they could not be sent.
/// </summary>
public sealed class GatewayPayloadRetention(
    IServiceScopeFactory scopes,
    IOptions<AbdmGatewayOptions> options,
    TimeProvider clock,
    ILogger<GatewayPayloadRetention> logger) : BackgroundService
{
    /// <summary>What a cleared callback body holds; the column is not nullable.</summary>
    public const string ClearedBody = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var (payloads, callbacks) = await PurgeAsync(stoppingToken);
            if (payloads + callbacks > 0)
            {
                logger.LogInformation("Cleared {Payloads} share payloads and {Callbacks} callback bodies older than {Days} days",
                    payloads, callbacks, options.Value.PayloadRetentionDays);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<(int Payloads, int Callbacks)> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.PayloadRetentionDays);
        var payloads = await db.ShareRecords
            .Where(s => s.ReceivedAt < cutoff && s.RawPayload != null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RawPayload, (string?)null), cancellationToken);
        var callbacks = await db.OutboxMessages
            .Where(o => (o.DeliveredAt < cutoff || o.GaveUpAt < cutoff) && o.Body != ClearedBody)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Body, ClearedBody), cancellationToken);
        return (payloads, callbacks);
    }
}
