using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

/// <summary>ABHA profiles carry the year of birth: a senior who scans joins the seniors' lane without asking anyone.</summary>
public sealed class PriorityByAgeTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        var facility = DemoFacility.Create();
        facility.Queues.Single(q => q.Code == "lab").SeniorAge = 0;
        facility.Queues.Single(q => q.Code == "pharmacy").SeniorAge = 65;
        _db = await TestDatabase.CreateAsync(facility);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("OPD-REG-1", 1966, PriorityLane.SeniorCitizen)] // 60 in 2026: the default age
    [InlineData("OPD-REG-1", 1967, PriorityLane.None)]
    [InlineData("OPD-REG-1", null, PriorityLane.None)]
    [InlineData("PHARMACY-2", 1962, PriorityLane.None)] // 64, and this queue starts at 65
    [InlineData("PHARMACY-2", 1942, PriorityLane.SeniorCitizen)]
    [InlineData("LAB-1", 1930, PriorityLane.None)] // the lab turned it off
    public async Task AScanGetsTheSeniorLaneByTheQueuesAge(string counter, int? yearOfBirth, PriorityLane expected)
    {
        var share = new ProfileShare(ShareProtocol.V3, Guid.NewGuid(), DemoFacility.HipId, counter,
            new SharedPatient("91-4211-8734-5520", "kamla.bai@abdm", new PatientDemographics("Kamla Bai", Gender.F, yearOfBirth, null, null, "9876543210", null, null, null, null)));

        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            await new ShareIntake(db, engine, _db.Clock, new OutboxSignal()).AcceptAsync(share, "{}");
        }

        await using var check = _db.CreateDbContext();
        Assert.Equal(expected, (await check.Tokens.SingleAsync()).Priority);
    }

    [Fact]
    public async Task ASeniorScanIsCalledBeforeEarlierScansInAQueueWithPriorityLanes()
    {
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            var intake = new ShareIntake(db, engine, _db.Clock, new OutboxSignal());
            await intake.AcceptAsync(Share("young.one@abdm", "91-1111-1111-1111", 1995), "{}");
            await intake.AcceptAsync(Share("elder.one@abdm", "91-2222-2222-2222", 1944), "{}");
        }

        var counter = await _db.CounterIdAsync("OPD-REG-1");
        var called = await _db.RunAsync(e => e.CallNextAsync(counter));
        Assert.Equal("R-002", called!.Label);
    }

    [Fact]
    public async Task AClerkCanPutAWaitingTokenInALaneButNotOneAlreadyCalled()
    {
        var queue = await _db.QueueIdAsync("registration");
        var counter = await _db.CounterIdAsync("OPD-REG-1");
        var first = await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        var second = await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));

        var changed = await _db.RunAsync(e => e.SetPriorityAsync(second.Token.Id, PriorityLane.Pregnant));

        Assert.Equal(PriorityLane.Pregnant, changed.Priority);
        Assert.Contains(_db.Published, e => e is { Kind: QueueEventKind.PriorityChanged } && e.TokenId == second.Token.Id);
        Assert.Equal(second.Token.Id, (await _db.RunAsync(e => e.CallNextAsync(counter)))!.Id);
        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => _db.RunAsync(e => e.SetPriorityAsync(second.Token.Id, PriorityLane.None)));
        Assert.Equal(QueueError.InvalidState, refused.Error);
        Assert.Equal(TokenState.Waiting, (await _db.TokenAsync(first.Token.Id)).State);
    }

    private static ProfileShare Share(string address, string number, int yearOfBirth) =>
        new(ShareProtocol.V3, Guid.NewGuid(), DemoFacility.HipId, "OPD-REG-1",
            new SharedPatient(number, address, new PatientDemographics("Some Patient", Gender.M, yearOfBirth, null, null, null, null, null, null, null)));
}
