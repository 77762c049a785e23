namespace ScanShare.Web.Components.Shared;

/// <summary>
/// A live screen's reload on queue events: at most one runs and at most one waits, and every event that arrives while
/// one waits is served by it, since a reload reads the whole screen anyway. In a burst a screen reloads as often as it
/// can instead of once per event, so a backlog never builds up behind it.
/// </summary>
/// <param name="dispatch">Runs the reload on the screen's own context (a component's <c>InvokeAsync</c>).</param>
public sealed class CoalescedReload(Func<Func<Task>, Task> dispatch, Func<Task> reload)
{
    private int _requested;
    private int _running;

    /// <summary>Asks for a reload; safe from any thread, returns at once.</summary>
    public void Request()
    {
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = dispatch(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (Interlocked.Exchange(ref _requested, 0) == 1)
            {
                await reload();
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // A request made between the last check and the release above would otherwise wait for the next event.
        if (Volatile.Read(ref _requested) == 1 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = dispatch(RunAsync);
        }
    }
}
