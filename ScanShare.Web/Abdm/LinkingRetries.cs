using Microsoft.Extensions.Options;
using ScanShare.Core.Linking;

namespace ScanShare.Web.Abdm;

/// <summary>Runs the linking sweep at its interval: link tokens asked again when their wait is over, unanswered links sent again.</summary>
public sealed class LinkingRetries(
    IServiceScopeFactory scopes,
    IOptions<LinkingOptions> options,
    TimeProvider clock,
    ILogger<LinkingRetries> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            // A delay after each sweep rather than a periodic timer: a clock that jumps ahead (a suspended machine, a
            // test's clock) brings one sweep, not one for every interval it skipped.
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.RetrySweepInterval, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; whatever is due is found again at the next start.
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var moved = await scope.ServiceProvider.GetRequiredService<LinkingSweep>().RunAsync(cancellationToken);
            if (moved > 0)
            {
                logger.LogInformation("Moved on the ABHA links of {Count} patients whose wait was over", moved);
            }

            return moved;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The ABHA linking sweep failed; it runs again at its next interval");
            return 0;
        }
    }
}
