using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Delivers the outbox's messages to the gateway, of every flow: woken by each commit that adds one, retrying with
/// growing, jittered delays until the gateway accepts or the configured time runs out. Because the outbox is in the
/// database, messages pending at a restart are sent after it. With several app instances each message is claimed by
/// one of them (<see cref="OutboxClaims"/>), so each is sent once.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    GatewayCaller caller,
    OutboxSignal signal,
    SqliteWriteGate writeGate,
    IOptions<AbdmGatewayOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>A batch is a few rounds of parallel calls, so that even at the gateway's slowest (20 s a call) it ends within its lease.</summary>
    private const int RoundsPerBatch = 4;

    /// <summary>On a stop, how long calls already on the wire may take to be answered before they are abandoned.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Messages pending from before a restart wait until the server listens (the simulator lives in this app).
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
                logger.LogError(ex, "The gateway outbox dispatcher failed; retrying shortly");
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

    /// <summary>
    /// Sends the messages that are due and records every answer received, including on a stop: a stop starts no new
    /// call, gives the calls on the wire a short grace to be answered, and records what the gateway accepted before
    /// returning, so nothing it accepted is sent again after a restart.
    /// </summary>
    /// <returns>How many messages were attempted.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken stoppingToken)
    {
        var due = await ClaimDueAsync(stoppingToken);
        using var abandon = new CancellationTokenSource();
        await using var graceOnStop = stoppingToken.Register(() => abandon.CancelAfter(StopGrace));
        var outcomes = new ConcurrentQueue<(OutboxMessage Message, string? Error)>();
        try
        {
            await Parallel.ForEachAsync(due,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.CallbackConcurrency, CancellationToken = stoppingToken },
                async (message, _) =>
                {
                    var error = await caller.SendAsync(message, abandon.Token);
                    if (!abandon.IsCancellationRequested)
                    {
                        outcomes.Enqueue((message, error));
                    }
                });
        }
        finally
        {
            await RecordAsync(outcomes, CancellationToken.None);
            await ReleaseUnansweredAsync(due, outcomes);
        }

        return due.Count;
    }

    private async Task<List<OutboxMessage>> ClaimDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        using var turn = await writeGate.EnterAsync(cancellationToken);
        return await OutboxClaims.ClaimDueAsync(db, clock.GetUtcNow().UtcDateTime, options.Value.CallbackClaimLease, options.Value.CallbackConcurrency * RoundsPerBatch, cancellationToken);
    }

    /// <summary>On a stop, the claimed messages that got no answer are due again at once, for whichever instance is still running.</summary>
    private async Task ReleaseUnansweredAsync(List<OutboxMessage> claimed, ConcurrentQueue<(OutboxMessage Message, string? Error)> outcomes)
    {
        var answered = outcomes.Select(o => o.Message.Id).ToHashSet();
        var unanswered = claimed.Select(m => m.Id).Where(id => !answered.Contains(id)).ToList();
        if (unanswered.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        using var turn = await writeGate.EnterAsync(CancellationToken.None);
        await OutboxClaims.ReleaseAsync(db, unanswered, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    /// <summary>
    /// Records a batch of attempts: the delivered ones in one statement (a link token they carried is not kept once
    /// delivered), each failure with its own next attempt. A crash before this only means those messages are sent
    /// again, under the same REQUEST-ID.
    /// </summary>
    private async Task RecordAsync(IReadOnlyCollection<(OutboxMessage Message, string? Error)> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

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
                .SetProperty(o => o.LastError, (string?)null)
                .SetProperty(o => o.LinkToken, (string?)null), cancellationToken);
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
            logger.LogError("Gave up on gateway message {Flow} {RequestId} after {Attempts} attempts: {Error}", message.Flow, message.RequestId, attempts, error);
        }
        else
        {
            logger.LogWarning("Gateway message {Flow} {RequestId} failed (attempt {Attempts}), retrying at {NextAttempt:O}: {Error}", message.Flow, message.RequestId, attempts, nextAttempt, error);
        }
    }

    /// <summary>1 s, 2 s, 4 s, … up to 5 minutes, each ±20 % so that many failed messages do not retry in lockstep.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 16)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
