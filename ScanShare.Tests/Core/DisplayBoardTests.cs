using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

public sealed class DisplayBoardTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ASkippedTokenBackInTheLineShowsAsWaitingNotAsCalledToNobody()
    {
        var queue = await _db.QueueIdAsync("registration");
        var counter = await _db.CounterIdAsync("OPD-REG-1");
        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        var called = await _db.RunAsync(e => e.CallNextAsync(counter));
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        await _db.RunAsync(e => e.SkipAsync(called!.Id));

        await using var db = _db.CreateDbContext();
        var view = await new DisplayBoard(db, _db.Clock, new WaitEstimates(db, _db.Clock)).ViewAsync(DemoFacility.HipId, [], DisplayNames.Masked);

        Assert.DoesNotContain(view!.NowCalling.Concat(view.Recent), c => c.Label == "R-001");
        var registration = view.Next.Single(q => q.QueueId == queue);
        Assert.Equal(["R-002", "R-001"], registration.NextLabels);
        Assert.Equal(2, registration.WaitingCount);
    }
}
