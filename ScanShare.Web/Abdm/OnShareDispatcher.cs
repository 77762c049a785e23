using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Delivers the on-share callbacks from the outbox: woken by each committed share, retrying with growing, jittered
/// delays until the gateway accepts or the configured time runs out. Because the outbox is in the database,
/// callbacks pending at a restart are sent after it.
/// </summary>
public sealed class OnShareDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    GatewayAddress address,
    GatewaySessions sessions,
    OutboxSignal signal,
    SqliteWriteGate writeGate,
    IOptions<AbdmGatewayOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<OnShareDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Callbacks pending from before a restart wait until the server listens (the simulator lives in this app).
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchDueAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(IdlePoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The on-share dispatcher failed; retrying shortly");
                await Task.Delay(IdlePoll, clock, stoppingToken);
            }
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var stopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <returns>How many callbacks were attempted.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        List<OutboxMessage> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.OutboxMessages.AsNoTracking()
                .DueBy(now)
                .Take(100)
                .ToListAsync(cancellationToken);
        }

        var outcomes = new ConcurrentQueue<(OutboxMessage Message, string? Error)>();
        await Parallel.ForEachAsync(due,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.CallbackConcurrency, CancellationToken = cancellationToken },
            async (message, ct) => outcomes.Enqueue((message, await SendAsync(message, ct))));
        await RecordAsync(outcomes, cancellationToken);
        return due.Count;
    }

    private async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await PostAsync(message, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Our session may have been revoked early: start a new one and try once more.
                sessions.Invalidate();
                using var retried = await PostAsync(message, cancellationToken);
                return Failure(retried);
            }

            return Failure(response);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private async Task<HttpResponseMessage> PostAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address.BaseUri, message.Path))
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = await sessions.AuthorizationAsync(cancellationToken);
        request.Headers.Add("REQUEST-ID", message.CallbackRequestId.ToString());
        request.Headers.Add("TIMESTAMP", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-CM-ID", options.Value.CmId);
        request.Headers.Add("X-HIP-ID", message.HipId);
        return await clients.CreateClient(GatewayAuthentication.HttpClientName).SendAsync(request, cancellationToken);
    }

    private static string? Failure(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? null : $"The gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.";

    /// <summary>
    /// Records a batch of attempts: the delivered ones in one statement, each failure with its own next attempt. A crash
    /// before this only means those callbacks are sent again, under the same REQUEST-ID.
    /// </summary>
    private async Task RecordAsync(IReadOnlyCollection<(OutboxMessage Message, string? Error)> outcomes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        using var turn = await writeGate.EnterAsync(cancellationToken);
        var delivered = outcomes.Where(o => o.Error is null).Select(o => o.Message.Id).ToList();
        if (delivered.Count > 0)
        {
            await db.OutboxMessages.Where(o => delivered.Contains(o.Id)).ExecuteUpdateAsync(set => set
                .SetProperty(o => o.DeliveredAt, now)
                .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                .SetProperty(o => o.LastError, (string?)null), cancellationToken);
        }

        foreach (var (message, error) in outcomes.Where(o => o.Error is not null))
        {
            await RecordFailureAsync(db, message, error!, now, cancellationToken);
        }
    }

    private async Task RecordFailureAsync(ScanShareDbContext db, OutboxMessage message, string error, DateTime now, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var giveUp = now - message.CreatedAt >= options.Value.CallbackGiveUpAfter;
        var nextAttempt = now + Backoff(attempts);
        await db.OutboxMessages.Where(o => o.Id == message.Id).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Attempts, attempts)
            .SetProperty(o => o.LastError, error.Length > 1000 ? error[..1000] : error)
            .SetProperty(o => o.NextAttemptAt, nextAttempt)
            .SetProperty(o => o.GaveUpAt, giveUp ? now : null), cancellationToken);
        if (giveUp)
        {
            logger.LogError("Gave up on the on-share callback {CallbackId} after {Attempts} attempts: {Error}", message.CallbackRequestId, attempts, error);
        }
        else
        {
            logger.LogWarning("On-share callback {CallbackId} failed (attempt {Attempts}), retrying at {NextAttempt:O}: {Error}", message.CallbackRequestId, attempts, nextAttempt, error);
        }
    }

    /// <summary>1 s, 2 s, 4 s, … up to 5 minutes, each ±20 % so that many failed callbacks do not retry in lockstep.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 16)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
