namespace ScanShare.Core.Data;

/// <summary>
/// SQLite has one writer at a time, and its .NET driver waits for a busy write lock by putting the thread to sleep
/// for 150 ms and trying again. Writers in this process queue here instead: in turn, without sleeping and without
/// holding a thread. (Another process on the same file still meets the driver's wait.) A database server takes
/// concurrent writers itself, so on any other provider the gate stands open.
/// </summary>
public sealed class SqliteWriteGate(DatabaseProvider provider = DatabaseProvider.Sqlite)
{
    private static readonly IDisposable Open = new NoTurn();

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return Open;
        }

        await _gate.WaitAsync(cancellationToken);
        return new Exit(_gate);
    }

    private sealed class NoTurn : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _exited;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _exited, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
