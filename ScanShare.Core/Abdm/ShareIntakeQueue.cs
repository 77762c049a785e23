using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Data;

namespace ScanShare.Core.Abdm;

/// <summary>
/// Group commit for gateway shares on SQLite. Shares from concurrent requests wait here for one writer, which takes
/// in all that are waiting in one transaction: one commit and one flush to disk for the group instead of one per
/// share. Each request is answered only after the commit that holds its share, so a 202 still means "on disk". A
/// quiet moment gives groups of one, so a lone share waits for nothing.
/// A database server takes writers in parallel and groups their flushes itself: there each share is taken in by its
/// own request in a short transaction of its own, which holds its queue's number for the least time (a group would
/// hold several queues' numbers at once, and two instances' groups would wait on each other).
/// </summary>
public sealed class ShareIntakeQueue : IAsyncDisposable
{
    private const int MaxGroup = 64;

    private readonly Channel<PendingShare> _pending = Channel.CreateUnbounded<PendingShare>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _writer;
    private readonly bool _grouped;

    public ShareIntakeQueue(IServiceScopeFactory scopes, DatabaseConnection database)
    {
        _scopes = scopes;
        _grouped = database.Provider == DatabaseProvider.Sqlite;
        _writer = _grouped ? Task.Run(WriteAsync) : Task.CompletedTask;
    }

    public Task<ShareIntakeResult> AcceptAsync(ProfileShare share, string rawPayload, CancellationToken cancellationToken = default)
    {
        if (!_grouped)
        {
            return TakeInAloneAsync(share, rawPayload, cancellationToken);
        }

        var pending = new PendingShare(share, rawPayload);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The app is shutting down and takes no more shares.");
        }

        // A request that goes away stops waiting; its share is still taken in, and the gateway's retry finds it.
        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var group = new List<PendingShare>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            await TakeInAsync(group);
            group.Clear();
        }
    }

    private async Task TakeInAsync(List<PendingShare> group)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<ShareIntake>();
            IReadOnlyList<ShareIntakeResult> results = group.Count == 1
                ? [await intake.AcceptAsync(group[0].Share, group[0].RawPayload)]
                : await intake.AcceptAllAsync([.. group.Select(p => (p.Share, p.RawPayload))]);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            // The group rolled back as a whole; each share now goes alone, so an error stays with its own request.
            foreach (var pending in group)
            {
                await TakeInAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            group[0].Result.TrySetException(ex);
        }
    }

    private async Task<ShareIntakeResult> TakeInAloneAsync(ProfileShare share, string rawPayload, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShareIntake>().AcceptAsync(share, rawPayload, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private sealed record PendingShare(ProfileShare Share, string RawPayload)
    {
        public TaskCompletionSource<ShareIntakeResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
