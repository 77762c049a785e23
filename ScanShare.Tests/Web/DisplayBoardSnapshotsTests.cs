using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Display;

namespace ScanShare.Tests.Web;

/// <summary>Many TVs on one display share one board: one load per change, not one per screen.</summary>
public sealed class DisplayBoardSnapshotsTests : IAsyncLifetime
{
    private static readonly DisplaySettings LabDoor = new() { Code = "lab-door", Name = "Lab door", Key = "lab-door-key-2026-lab", Queues = ["lab"] };

    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var facility = DemoFacility.Create();
        facility.Displays.Add(LabDoor);
        _db = await TestDatabase.CreateAsync(facility);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_db.Clock)
            .AddScanShareCore(_db.Connection)
            .AddSingleton<DisplayBoardSnapshots>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }


    [Fact]
    public async Task ScreensOfOneDisplayShareOneLoadUntilAChangeToOneOfItsQueues()
    {
        var boards = _services.GetRequiredService<DisplayBoardSnapshots>();
        var hall = new DisplayTarget(DemoFacility.HipId, DemoFacility.Create().Displays.Single());
        var labDoor = new DisplayTarget(DemoFacility.HipId, LabDoor);

        var firstLoads = Enumerable.Range(0, 50).Select(_ => boards.ViewAsync(hall)).ToList();
        Assert.All(firstLoads, load => Assert.Same(firstLoads[0], load));
        var before = await firstLoads[0];
        await boards.ViewAsync(labDoor);
        Assert.Same(firstLoads[0], boards.ViewAsync(hall));

        var registration = await _db.QueueIdAsync("registration");
        await IssueAsync(registration);

        var afterIssue = boards.ViewAsync(hall);
        Assert.NotSame(firstLoads[0], afterIssue);
        Assert.Same(afterIssue, boards.ViewAsync(hall));
        var view = await afterIssue;
        Assert.Equal(["R-001"], view!.Next.Single(q => q.QueueId == registration).NextLabels);
        Assert.Empty(before!.Next.Single(q => q.QueueId == registration).NextLabels);

        // The lab door shows only the lab: a registration token changes nothing there.
        var labBoard = boards.ViewAsync(labDoor);
        await IssueAsync(registration);
        Assert.Same(labBoard, boards.ViewAsync(labDoor));
        await IssueAsync(await _db.QueueIdAsync("lab"));
        Assert.NotSame(labBoard, boards.ViewAsync(labDoor));
    }

    private async Task IssueAsync(int queueId)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<QueueEngine>().IssueAsync(new IssueTokenRequest(queueId, TokenSource.WalkIn));
    }
}
