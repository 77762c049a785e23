using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Data;

namespace ScanShare.Core.Linking;

/// <summary>
/// Group commit for the gateway's linking answers, as <see cref="Abdm.ShareIntakeQueue"/> does for shares: answers
/// from concurrent requests are taken in by one writer, in one transaction, so each new patient's link-token answer
/// does not cost the shares a commit of its own. Each request is answered after the commit that holds its answer. On a
/// database server, as for shares, each answer is taken in by its own request in a transaction of its own.
/// </summary>
public sealed class LinkingAnswerQueue : IAsyncDisposable
{
    private const int MaxGroup = 64;

    private readonly Channel<PendingAnswer> _pending = Channel.CreateUnbounded<PendingAnswer>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _writer;
    private readonly bool _grouped;

    public LinkingAnswerQueue(IServiceScopeFactory scopes, DatabaseConnection database)
    {
        _scopes = scopes;
        _grouped = database.Provider == DatabaseProvider.Sqlite;
        _writer = _grouped ? Task.Run(WriteAsync) : Task.CompletedTask;
    }

    public async Task<LinkCallbackOutcome> ApplyAsync(LinkingAnswer answer, CancellationToken cancellationToken = default)
    {
        if (!_grouped)
        {
            await using var scope = _scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LinkingCallbacks>().ApplyAsync(answer);
        }

        var pending = new PendingAnswer(answer);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The app is shutting down and takes no more answers.");
        }

        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var group = new List<PendingAnswer>(MaxGroup);
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

    private async Task TakeInAsync(List<PendingAnswer> group)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var callbacks = scope.ServiceProvider.GetRequiredService<LinkingCallbacks>();
            IReadOnlyList<LinkCallbackOutcome> outcomes = group.Count == 1
                ? [await callbacks.ApplyAsync(group[0].Answer)]
                : await callbacks.ApplyAllAsync([.. group.Select(p => p.Answer)]);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Outcome.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            // The group rolled back as a whole; each answer now goes alone, so an error stays with its own request.
            foreach (var pending in group)
            {
                await TakeInAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            group[0].Outcome.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private sealed record PendingAnswer(LinkingAnswer Answer)
    {
        public TaskCompletionSource<LinkCallbackOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
