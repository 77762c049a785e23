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
        var allDone = new TaskCompletionSource();
        var reload = new CoalescedReload(run => Task.Run(run), async () =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                firstStarted.SetResult();
                await firstMayFinish.Task;
            }
            else
            {
                allDone.TrySetResult();
            }
        });

        reload.Request();
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 50; i++)
        {
            reload.Request();
        }

        firstMayFinish.SetResult();
        await allDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Equal(2, reloads);

        reload.Request();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref reloads) == 3), TimeSpan.FromSeconds(10)),
            "A request after the burst was not served.");
    }
}
