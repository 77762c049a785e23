using ScanShare.Tests.Support;
using ScanShare.Web.Components.Shared;

namespace ScanShare.Tests.Web;

public sealed class CoalescedReloadTests
{
    [Fact]
    public async Task EventsDuringAReloadAreServedByOneMoreReloadNotOneEach()
    {
        var reloads = 0;
        var firstStarted = new TaskCompletionSource();
        var firstMayFinish = new TaskCompletionSource();
        var runs = new List<Task>();
        var reload = new CoalescedReload(
            run =>
            {
                var task = Task.Run(run);
                lock (runs)
                {
                    runs.Add(task);
                }

                return task;
            },
            async () =>
            {
                if (Interlocked.Increment(ref reloads) == 1)
                {
                    firstStarted.SetResult();
                    await firstMayFinish.Task;
                }
            });

        reload.Request();
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 50; i++)
        {
            reload.Request();
        }

        firstMayFinish.SetResult();
        await AllRunsDoneAsync(runs);
        Assert.Equal(2, reloads);

        reload.Request();
        await AllRunsDoneAsync(runs);
        Assert.Equal(3, reloads);
    }

    /// <summary>Until no run is left and none was started meanwhile: then nothing more will reload.</summary>
    private static async Task AllRunsDoneAsync(List<Task> runs)
    {
        while (true)
        {
            Task[] started;
            lock (runs)
            {
                started = [.. runs];
            }

            await Task.WhenAll(started).WaitAsync(TimeSpan.FromSeconds(10));
            lock (runs)
            {
                if (runs.Count == started.Length)
                {
                    return;
                }
            }
        }
    }
}
