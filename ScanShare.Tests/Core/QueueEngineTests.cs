using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

public sealed class QueueEngineTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _registration;
    private int _pharmacy;
    private int _reg1;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _registration = await _db.QueueIdAsync("registration");
        _pharmacy = await _db.QueueIdAsync("pharmacy");
        _reg1 = await _db.CounterIdAsync("OPD-REG-1");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<IssuedToken> Issue(int queueId, long? patientId = null, PriorityLane priority = PriorityLane.None) =>
        _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queueId, TokenSource.WalkIn, patientId, Priority: priority)));

    [Fact]
    public async Task NumbersStartAtOneAndCountUpPerQueueWithThePrefix()
    {
        var first = await Issue(_registration);
        var second = await Issue(_registration);
        var pharmacy = await Issue(_pharmacy);

        Assert.Equal(("R-001", 1), (first.Token.Label, first.Token.Number));
        Assert.Equal(("R-002", 2), (second.Token.Label, second.Token.Number));
        Assert.Equal(("P-001", 1), (pharmacy.Token.Label, pharmacy.Token.Number));
        Assert.All([first, second, pharmacy], t => Assert.Equal(TokenState.Waiting, t.Token.State));
    }

    [Fact]
    public async Task IssuingPublishesOneIssuedEventAfterCommit()
    {
        var issued = await Issue(_registration);

        var published = Assert.Single(_db.Published);
        Assert.Equal((QueueEventKind.Issued, issued.Token.Id, "R-001"), (published.Kind, published.TokenId, published.Label));
    }

    [Fact]
    public async Task SecondIssueWithinValidityReturnsSameToken()
    {
        var patient = await _db.AddPatientAsync("Sunita Devi");
        var first = await Issue(_registration, patient);
        _db.Clock.Advance(TimeSpan.FromMinutes(29));

        var repeat = await Issue(_registration, patient);

        Assert.True(repeat.Reused);
        Assert.Equal(first.Token.Id, repeat.Token.Id);
        Assert.Single(_db.Published);
    }

    [Fact]
    public async Task IssueAfterValidityGivesANewToken()
    {
        var patient = await _db.AddPatientAsync("Sunita Devi");
        var first = await Issue(_registration, patient);
        _db.Clock.Advance(TimeSpan.FromMinutes(31));

        var later = await Issue(_registration, patient);

        Assert.False(later.Reused);
        Assert.Equal("R-002", later.Token.Label);
        Assert.NotEqual(first.Token.Id, later.Token.Id);
    }

    [Fact]
    public async Task IssueAfterTheTokenWasCompletedGivesANewToken()
    {
        var patient = await _db.AddPatientAsync("Sunita Devi");
        var first = await Issue(_registration, patient);
        await _db.RunAsync(e => e.CallNextAsync(_reg1));
        await _db.RunAsync(e => e.CompleteAsync(first.Token.Id));

        var again = await Issue(_registration, patient);

        Assert.False(again.Reused);
        Assert.Equal("R-002", again.Token.Label);
    }

    [Fact]
    public async Task SamePatientInAnotherQueueGetsThatQueuesToken()
    {
        var patient = await _db.AddPatientAsync("Sunita Devi");
        await Issue(_registration, patient);

        var pharmacy = await Issue(_pharmacy, patient);

        Assert.False(pharmacy.Reused);
        Assert.Equal("P-001", pharmacy.Token.Label);
    }

    [Fact]
    public async Task CallNextTakesPriorityLanesFirstThenFirstComeFirstServed()
    {
        var r1 = await Issue(_registration);
        _db.Clock.Advance(TimeSpan.FromSeconds(5));
        var r2 = await Issue(_registration);
        _db.Clock.Advance(TimeSpan.FromSeconds(5));
        var senior = await Issue(_registration, priority: PriorityLane.SeniorCitizen);

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var called = await _db.RunAsync(e => e.CallNextAsync(_reg1));
            order.Add(called!.Label);
            await _db.RunAsync(e => e.CompleteAsync(called.Id));
        }

        Assert.Equal([senior.Token.Label, r1.Token.Label, r2.Token.Label], order);
    }

    [Fact]
    public async Task QueueWithoutPriorityLanesIgnoresPriority()
    {
        var pharmacyCounter = await _db.CounterIdAsync("PHARMACY-2");
        var first = await Issue(_pharmacy);
        _db.Clock.Advance(TimeSpan.FromSeconds(5));
        await Issue(_pharmacy, priority: PriorityLane.Pregnant);

        var called = await _db.RunAsync(e => e.CallNextAsync(pharmacyCounter));

        Assert.Equal(first.Token.Id, called!.Id);
    }

    [Fact]
    public async Task CallNextOnAnEmptyQueueReturnsNothing()
    {
        Assert.Null(await _db.RunAsync(e => e.CallNextAsync(_reg1)));
    }

    [Fact]
    public async Task CallNextRecordsTheCounterAndTime()
    {
        await Issue(_registration);
        _db.Clock.Advance(TimeSpan.FromMinutes(7));

        var called = await _db.RunAsync(e => e.CallNextAsync(_reg1));

        Assert.Equal(TokenState.Called, called!.State);
        Assert.Equal(_reg1, called.CounterId);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, called.CalledAt);
        Assert.Equal(TimeSpan.FromMinutes(7), called.CalledAt - called.IssuedAt);
        Assert.Equal(QueueEventKind.Called, _db.Published[^1].Kind);
    }

    [Fact]
    public async Task CallNextWhileTheCounterStillHasATokenIsRefusedAndChangesNothing()
    {
        await Issue(_registration);
        var waiting = await Issue(_registration);
        await _db.RunAsync(e => e.CallNextAsync(_reg1));

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => _db.RunAsync(e => e.CallNextAsync(_reg1)));

        Assert.Equal(QueueError.CounterBusy, refused.Error);
        Assert.Contains("R-001", refused.Message);
        Assert.Equal(TokenState.Waiting, (await _db.TokenAsync(waiting.Token.Id)).State);
    }

    [Fact]
    public async Task RecallKeepsTheTokenAndAnnouncesItAgain()
    {
        await Issue(_registration);
        var called = await _db.RunAsync(e => e.CallNextAsync(_reg1));
        _db.Clock.Advance(TimeSpan.FromMinutes(1));

        var recalled = await _db.RunAsync(e => e.RecallAsync(called!.Id));

        Assert.Equal((TokenState.Called, 2, "R-001"), (recalled.State, recalled.CallCount, recalled.Label));
        Assert.Equal(called!.CalledAt, recalled.FirstCalledAt);
        Assert.Equal(QueueEventKind.Recalled, _db.Published[^1].Kind);
    }

    [Fact]
    public async Task SkipSendsTheTokenToTheBackUntilItsRequeuesAreUsedUpThenItIsANoShow()
    {
        var absent = await Issue(_registration);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        var present = await Issue(_registration);

        // The registration queue allows two requeues.
        await _db.RunAsync(e => e.CallNextAsync(_reg1));
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        var requeued = await _db.RunAsync(e => e.SkipAsync(absent.Token.Id));
        Assert.Equal((TokenState.Waiting, 1, (int?)null), (requeued.State, requeued.RequeueCount, requeued.CounterId));

        var next = await _db.RunAsync(e => e.CallNextAsync(_reg1));
        Assert.Equal(present.Token.Id, next!.Id);
        await _db.RunAsync(e => e.CompleteAsync(next.Id));

        for (var requeues = 1; requeues <= 2; requeues++)
        {
            var again = await _db.RunAsync(e => e.CallNextAsync(_reg1));
            Assert.Equal(absent.Token.Id, again!.Id);
            var skipped = await _db.RunAsync(e => e.SkipAsync(again.Id));
            Assert.Equal(requeues == 2 ? TokenState.NoShow : TokenState.Waiting, skipped.State);
        }

        Assert.Equal(QueueEventKind.NoShow, _db.Published[^1].Kind);
        Assert.Null(await _db.RunAsync(e => e.CallNextAsync(_reg1)));
    }

    [Fact]
    public async Task TransferClosesTheTokenAndIssuesANewNumberInTheTargetQueue()
    {
        var patient = await _db.AddPatientAsync("Ramesh Kumar Yadav");
        await Issue(_pharmacy);
        var original = await Issue(_registration, patient, PriorityLane.SeniorCitizen);
        await _db.RunAsync(e => e.CallNextAsync(_reg1));

        var moved = await _db.RunAsync(e => e.TransferAsync(original.Token.Id, _pharmacy));

        var closed = await _db.TokenAsync(original.Token.Id);
        Assert.Equal((TokenState.Transferred, moved.Id), (closed.State, closed.TransferredToTokenId));
        Assert.Equal(("P-002", TokenState.Waiting, TokenSource.Transfer), (moved.Label, moved.State, moved.Source));
        Assert.Equal((patient, PriorityLane.SeniorCitizen, original.Token.Id), (moved.PatientId!.Value, moved.Priority, moved.TransferredFromTokenId!.Value));
        Assert.Equal([QueueEventKind.Issued, QueueEventKind.Transferred], _db.Published.TakeLast(2).Select(e => e.Kind));
    }

    [Fact]
    public async Task TransferToTheSameQueueIsRefused()
    {
        var token = await Issue(_registration);

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => _db.RunAsync(e => e.TransferAsync(token.Token.Id, _registration)));

        Assert.Equal(QueueError.WrongQueue, refused.Error);
    }

    [Fact]
    public async Task StartThenCompleteRecordsServiceTimes()
    {
        await Issue(_registration);
        var called = await _db.RunAsync(e => e.CallNextAsync(_reg1));
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        var serving = await _db.RunAsync(e => e.StartServingAsync(called!.Id));
        _db.Clock.Advance(TimeSpan.FromMinutes(4));

        var completed = await _db.RunAsync(e => e.CompleteAsync(called!.Id));

        Assert.Equal(TokenState.Serving, serving.State);
        Assert.Equal(TokenState.Completed, completed.State);
        Assert.Equal(TimeSpan.FromMinutes(5), completed.CompletedAt - completed.CalledAt);
    }

    [Fact]
    public async Task ACompletedTokenCannotBeCompletedOrRecalledAgain()
    {
        await Issue(_registration);
        var called = await _db.RunAsync(e => e.CallNextAsync(_reg1));
        await _db.RunAsync(e => e.CompleteAsync(called!.Id));
        var eventsBefore = _db.Published.Count;

        var complete = await Assert.ThrowsAsync<QueueRuleException>(() => _db.RunAsync(e => e.CompleteAsync(called!.Id)));
        var recall = await Assert.ThrowsAsync<QueueRuleException>(() => _db.RunAsync(e => e.RecallAsync(called!.Id)));

        Assert.Equal(QueueError.InvalidState, complete.Error);
        Assert.Equal("Cannot complete R-001: it is completed.", complete.Message);
        Assert.Equal(QueueError.InvalidState, recall.Error);
        Assert.Equal(eventsBefore, _db.Published.Count);
    }

    [Fact]
    public async Task CancelClosesAWaitingToken()
    {
        var token = await Issue(_registration);

        var cancelled = await _db.RunAsync(e => e.CancelAsync(token.Token.Id));

        Assert.Equal(TokenState.Cancelled, cancelled.State);
        Assert.Null(await _db.RunAsync(e => e.CallNextAsync(_reg1)));
    }

    [Fact]
    public async Task CallingASpecificTokenOutOfTurnIsAllowedAndRecorded()
    {
        await Issue(_registration);
        var standingHere = await Issue(_registration);

        var called = await _db.RunAsync(e => e.CallAsync(standingHere.Token.Id, _reg1));

        Assert.Equal((TokenState.Called, true), (called.State, called.CalledOutOfOrder));
    }

    [Fact]
    public async Task ACounterCannotCallATokenOfAnotherQueue()
    {
        var pharmacyToken = await Issue(_pharmacy);

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => _db.RunAsync(e => e.CallAsync(pharmacyToken.Token.Id, _reg1)));

        Assert.Equal(QueueError.WrongQueue, refused.Error);
        Assert.Equal(TokenState.Waiting, (await _db.TokenAsync(pharmacyToken.Token.Id)).State);
    }

    [Fact]
    public async Task AFailedOperationInsideATransactionRollsBackEverythingAndPublishesNothing()
    {
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            await Assert.ThrowsAsync<QueueRuleException>(() => engine.InTransactionAsync(async ct =>
            {
                await engine.IssueAsync(new IssueTokenRequest(_registration, TokenSource.WalkIn), ct);
                return await engine.TransferAsync(tokenId: 999_999, _pharmacy, ct);
            }));
        }

        Assert.Empty(_db.Published);
        var next = await Issue(_registration);
        Assert.Equal("R-001", next.Token.Label);
    }
}
