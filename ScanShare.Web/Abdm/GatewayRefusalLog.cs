using System.Threading.Channels;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Every call on a gateway endpoint that we refuse is logged at Warning with its reason and counted in the database
/// for the supervisor's gateway problems, so a wrong audience or key URL is seen within minutes. Counting happens in
/// the background, in batches: a flood of bad calls costs the share path nothing and the database a few rows.
/// </summary>
public sealed class GatewayRefusalLog(
    IServiceScopeFactory scopes,
    SqliteWriteGate writeGate,
    TimeProvider clock,
    ILogger<GatewayRefusalLog> logger) : BackgroundService
{
    private static readonly HashSet<int> Counted = [400, 401, 404, 413, 415];

    private readonly Channel<GatewayRefusal> _pending = Channel.CreateBounded<GatewayRefusal>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Logs and counts the response if it refuses a gateway call.</summary>
    public void Observe(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (!Counted.Contains(status) || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<GatewayInboundMetadata>() is null)
        {
            return;
        }

        // The route, not the raw path: a bounded set of values, whatever a caller sends.
        var path = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var reason = GatewayInbound.ReasonOf(context) ?? DefaultReason(status);
        logger.LogWarning("Refused a gateway call to {Path} with {Status}: {Reason}", path, status, reason);
        _pending.Writer.TryWrite(new GatewayRefusal(clock.GetUtcNow().UtcDateTime, path, status, reason));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                await CountPendingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // What is still pending is counted below.
        }

        await CountPendingAsync(CancellationToken.None);
    }

    private async Task CountPendingAsync(CancellationToken cancellationToken)
    {
        var batch = new List<GatewayRefusal>();
        while (batch.Count < 1000 && _pending.Reader.TryRead(out var refusal))
        {
            batch.Add(refusal);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await DatabaseConflicts.RetryAsync(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
                using var turn = await writeGate.EnterAsync(cancellationToken);
                await RefusedGatewayCalls.CountAsync(db, batch, cancellationToken);
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not count {Count} refused gateway calls", batch.Count);
        }
    }

    private static string DefaultReason(int status) => status switch
    {
        401 => "The gateway token was not accepted.",
        404 => "Not found.",
        413 => "The body is too large.",
        415 => "The body is not application/json.",
        _ => "The request was not valid.",
    };
}
