using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Queueing;

public sealed record IssueTokenRequest(
    int QueueId,
    TokenSource Source,
    long? PatientId = null,
    int? CounterId = null,
    PriorityLane Priority = PriorityLane.None);

/// <param name="Reused">True when the patient already held a valid token in this queue and got it back.</param>
public sealed record IssuedToken(Token Token, bool Reused);

/// <summary>Where a scan gets its token: an active counter, the queue it serves and its facility's time zone, read together.</summary>
public sealed record IssuePoint(int CounterId, ServiceQueue Queue, string TimeZoneId);

/// <summary>
/// Every change of a token goes through here: one database transaction per operation, a state precondition on
/// every update (so two clerks can never both win), and one event per change published after commit.
/// </summary>
/// <param name="writeGate">Queues this process's writers for SQLite; without one, concurrent writers rely on the driver's busy wait.</param>
/// <param name="visits">Links a completed visit to the patient's ABHA when the facility links at completion.</param>
public sealed class QueueEngine(
    ScanShareDbContext db, TimeProvider clock, IQueueEventPublisher events, SqliteWriteGate? writeGate = null, ActingStaff? acting = null,
    VisitLinking? visits = null)
{
    private readonly List<QueueEvent> _pendingEvents = [];
    private readonly List<Action> _afterCommit = [];
    private int _transactionDepth;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, joining the engine operations it calls; events are published
    /// only once the outermost transaction has committed. A failure rolls everything back and publishes nothing.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_transactionDepth > 0)
        {
            return await work(cancellationToken);
        }

        using var turn = writeGate is null ? null : await writeGate.EnterAsync(cancellationToken);

        // SQLite starts this as BEGIN IMMEDIATE: writers queue up here instead of failing on lock upgrade.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        _transactionDepth++;
        try
        {
            var result = await work(cancellationToken);
            RecordAuthor();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            PublishPending();
            RunAfterCommit();
            return result;
        }
        catch
        {
            _pendingEvents.Clear();
            _afterCommit.Clear();
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            _transactionDepth--;
        }
    }

    /// <summary>Runs <paramref name="action"/> once the current transaction has committed (e.g. to wake the outbox); never if it rolls back.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public Task<IssuedToken> IssueAsync(IssueTokenRequest request, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var queue = await FindQueueAsync(request.QueueId, ct);
            if (request.CounterId is { } counterId)
            {
                await FindCounterAsync(counterId, ct);
            }

            return await IssueInQueueAsync(queue, await ServiceDateAsync(queue.FacilityId, ct), request, ct);
        }, cancellationToken);

    /// <summary>The active counter with this code at the facility, with its queue and time zone in one read; null when there is none in service.</summary>
    public async Task<IssuePoint?> FindIssuePointAsync(int facilityId, string counterCode, CancellationToken cancellationToken = default) =>
        await db.Counters.AsNoTracking()
            .Where(c => c.FacilityId == facilityId && c.Code == counterCode && c.IsActive)
            .Join(db.Facilities, c => c.FacilityId, f => f.Id, (c, f) => new IssuePoint(c.Id, c.Queue!, f.TimeZoneId))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>As <see cref="IssueAsync"/>, for a counter already looked up with <see cref="FindIssuePointAsync"/>: nothing is read twice.</summary>
    /// <param name="patient">Tracked by this engine's context. A patient not saved yet holds no token anywhere, and is saved with the new one.</param>
    public Task<IssuedToken> IssueAtAsync(IssuePoint point, TokenSource source, Patient patient, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var today = FacilityCalendar.LocalDate(clock.GetUtcNow(), point.TimeZoneId);
            var priority = PriorityByAge(point.Queue, patient.YearOfBirth, today.Year);
            if (db.Entry(patient).State == EntityState.Added)
            {
                var request = new IssueTokenRequest(point.Queue.Id, source, CounterId: point.CounterId, Priority: priority);
                return new IssuedToken(await AddTokenAsync(point.Queue, today, request, ct, patient: patient), Reused: false);
            }

            return await IssueInQueueAsync(point.Queue, today, new IssueTokenRequest(point.Queue.Id, source, patient.Id, point.CounterId, priority), ct);
        }, cancellationToken);

    /// <summary>ABHA profiles carry the year of birth, so a senior who scans joins the seniors' lane without asking.</summary>
    public static PriorityLane PriorityByAge(ServiceQueue queue, int? yearOfBirth, int currentYear) =>
        queue.SeniorAge > 0 && yearOfBirth is { } year && currentYear - year >= queue.SeniorAge ? PriorityLane.SeniorCitizen : PriorityLane.None;

    private async Task<IssuedToken> IssueInQueueAsync(ServiceQueue queue, DateOnly today, IssueTokenRequest request, CancellationToken ct)
    {
        var now = Now;
        if (request.PatientId is { } patientId)
        {
            // Two scans of one patient at the same moment take turns, and the second finds the first's token.
            await TakeTurnAsync($"""UPDATE "Patients" SET "Gender" = "Gender" WHERE "Id" = {patientId}""", ct);
            var existing = await db.Tokens
                .Where(t => t.PatientId == patientId && t.QueueId == queue.Id && t.ServiceDate == today
                    && t.ExpiresAt > now
                    && (t.State == TokenState.Waiting || t.State == TokenState.Called || t.State == TokenState.Serving))
                .OrderByDescending(t => t.Id)
                .FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                return new IssuedToken(existing, Reused: true);
            }
        }

        var token = await AddTokenAsync(queue, today, request, ct);
        return new IssuedToken(token, Reused: false);
    }

    /// <summary>Calls the next waiting token for the counter's queue: priority lanes first, then first come, first served.</summary>
    /// <returns>The called token, or null when nobody is waiting.</returns>
    public Task<Token?> CallNextAsync(int counterId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var counter = await FindActiveCounterAsync(counterId, ct);
            await EnsureCounterIsFreeAsync(counter, ct);
            var queue = await FindQueueAsync(counter.QueueId, ct);
            var today = await ServiceDateAsync(queue.FacilityId, ct);
            var usePriority = queue.PriorityLanesEnabled;

            // The conditional update below loses only if another counter took the same token in between (on a
            // database server, where counters call at the same moment); then the next candidate is tried. Every
            // round has a winner, so a few dozen rounds cover any number of counters pressing at once.
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var candidateId = await db.Tokens
                    .Where(t => t.QueueId == queue.Id && t.ServiceDate == today && t.State == TokenState.Waiting)
                    .InCallOrder(usePriority)
                    .Select(t => (long?)t.Id)
                    .FirstOrDefaultAsync(ct);
                if (candidateId is null)
                {
                    return null;
                }

                var called = await TryCallAsync(candidateId.Value, counter, outOfOrder: false, ct);
                if (called is not null)
                {
                    return called;
                }
            }

            throw new DbUpdateConcurrencyException("Could not call a token: the queue kept changing under this counter.");
        }, cancellationToken);

    /// <summary>Calls a specific waiting token out of turn, e.g. the patient standing at the desk; recorded as such.</summary>
    public Task<Token> CallAsync(long tokenId, int counterId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var counter = await FindActiveCounterAsync(counterId, ct);
            await EnsureCounterIsFreeAsync(counter, ct);
            var token = await FindTokenAsync(tokenId, ct);
            if (token.QueueId != counter.QueueId)
            {
                throw new QueueRuleException(QueueError.WrongQueue, $"{token.Label} is not in the queue {counter.Name} serves.");
            }

            return await TryCallAsync(tokenId, counter, outOfOrder: true, ct)
                ?? throw InvalidState(token, "call");
        }, cancellationToken);

    /// <summary>Announces a called token again; it keeps its number and counter.</summary>
    public Task<Token> RecallAsync(long tokenId, CancellationToken cancellationToken = default) =>
        TransitionAsync(tokenId, QueueEventKind.Recalled, "recall", [TokenState.Called], (_, now, set) => set
            .SetProperty(t => t.CalledAt, now)
            .SetProperty(t => t.CallCount, t => t.CallCount + 1), cancellationToken);

    /// <summary>
    /// The called patient did not come: by the queue's policy the token goes to the back of the line
    /// (until it has used up its requeues) or becomes a no-show.
    /// </summary>
    public Task<Token> SkipAsync(long tokenId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var token = await FindTokenAsync(tokenId, ct);
            var queue = await FindQueueAsync(token.QueueId, ct);
            var requeue = queue.SkipPolicy == SkipPolicy.Requeue && token.RequeueCount < queue.MaxRequeues;
            return requeue
                ? await TransitionCoreAsync(token, QueueEventKind.Requeued, "skip", [TokenState.Called], (_, now, set) => set
                    .SetProperty(t => t.State, TokenState.Waiting)
                    .SetProperty(t => t.QueuedAt, now)
                    .SetProperty(t => t.CounterId, (int?)null)
                    .SetProperty(t => t.RequeueCount, t => t.RequeueCount + 1), ct)
                : await TransitionCoreAsync(token, QueueEventKind.NoShow, "skip", [TokenState.Called], (_, now, set) => set
                    .SetProperty(t => t.State, TokenState.NoShow)
                    .SetProperty(t => t.ClosedAt, now), ct);
        }, cancellationToken);

    public Task<Token> StartServingAsync(long tokenId, CancellationToken cancellationToken = default) =>
        TransitionAsync(tokenId, QueueEventKind.ServingStarted, "start serving", [TokenState.Called], (_, now, set) => set
            .SetProperty(t => t.State, TokenState.Serving)
            .SetProperty(t => t.ServingAt, now), cancellationToken);

    public Task<Token> CompleteAsync(long tokenId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var completed = await TransitionCoreAsync(await FindTokenAsync(tokenId, ct), QueueEventKind.Completed, "complete",
                [TokenState.Called, TokenState.Serving], (_, now, set) => set
                    .SetProperty(t => t.State, TokenState.Completed)
                    .SetProperty(t => t.CompletedAt, now)
                    .SetProperty(t => t.ClosedAt, now), ct);
            if (visits is not null)
            {
                await visits.OnCompletedAsync(this, completed.Id, ct);
            }

            return completed;
        }, cancellationToken);

    /// <summary>Records where registration sent the patient; the token keeps its place and state.</summary>
    public Task<Token> RecordRegistrationAsync(long tokenId, string department, string registeredBy, CancellationToken cancellationToken = default) =>
        TransitionAsync(tokenId, QueueEventKind.Registered, "register", [TokenState.Waiting, TokenState.Called, TokenState.Serving], (_, now, set) => set
            .SetProperty(t => t.Department, department)
            .SetProperty(t => t.RegisteredAt, now)
            .SetProperty(t => t.RegisteredBy, registeredBy), cancellationToken);

    /// <summary>Puts a waiting token in a priority lane (or back in the general line), e.g. for a patient the clerk sees needs it.</summary>
    public Task<Token> SetPriorityAsync(long tokenId, PriorityLane priority, CancellationToken cancellationToken = default) =>
        TransitionAsync(tokenId, QueueEventKind.PriorityChanged, "change the priority of", [TokenState.Waiting], (_, _, set) => set
            .SetProperty(t => t.Priority, priority), cancellationToken);

    public Task<Token> CancelAsync(long tokenId, CancellationToken cancellationToken = default) =>
        TransitionAsync(tokenId, QueueEventKind.Cancelled, "cancel", [TokenState.Waiting, TokenState.Called], (_, now, set) => set
            .SetProperty(t => t.State, TokenState.Cancelled)
            .SetProperty(t => t.ClosedAt, now), cancellationToken);

    /// <summary>Sends the patient on to another queue: this token closes as transferred and a new one is issued there.</summary>
    /// <returns>The new token in the target queue.</returns>
    public Task<Token> TransferAsync(long tokenId, int targetQueueId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async ct =>
        {
            var token = await FindTokenAsync(tokenId, ct);
            var target = await FindQueueAsync(targetQueueId, ct);
            if (target.FacilityId != token.FacilityId || target.Id == token.QueueId)
            {
                throw new QueueRuleException(QueueError.WrongQueue, $"{token.Label} cannot be transferred to {target.Name}.");
            }

            var today = await ServiceDateAsync(target.FacilityId, ct);
            var issued = await AddTokenAsync(
                target,
                today,
                new IssueTokenRequest(target.Id, TokenSource.Transfer, token.PatientId, token.CounterId, token.Priority),
                ct,
                transferredFrom: token.Id);
            await db.SaveChangesAsync(ct);

            await TransitionCoreAsync(token, QueueEventKind.Transferred, "transfer",
                [TokenState.Waiting, TokenState.Called, TokenState.Serving], (_, now, set) => set
                    .SetProperty(t => t.State, TokenState.Transferred)
                    .SetProperty(t => t.ClosedAt, now)
                    .SetProperty(t => t.TransferredToTokenId, issued.Id), ct);
            return issued;
        }, cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Every change made on behalf of a member of staff is recorded with them, in the same transaction.</summary>
    private void RecordAuthor()
    {
        if (acting?.Current is not { } staff)
        {
            return;
        }

        db.TokenActions.AddRange(_pendingEvents.Select(e => new TokenAction
        {
            TokenId = e.TokenId,
            FacilityId = e.FacilityId,
            Kind = e.Kind,
            At = e.OccurredAt,
            StaffUserId = staff.UserId,
            StaffName = staff.Name,
            CounterId = staff.CounterId,
        }));
    }

    /// <param name="patient">A new patient to save with the token (its id is not known yet); otherwise the request's patient id.</param>
    private async Task<Token> AddTokenAsync(
        ServiceQueue queue, DateOnly today, IssueTokenRequest request, CancellationToken ct, long? transferredFrom = null, Patient? patient = null)
    {
        var number = await AllocateNumberAsync(queue.Id, today, ct);
        var now = Now;
        var token = new Token
        {
            FacilityId = queue.FacilityId,
            QueueId = queue.Id,
            ServiceDate = today,
            Number = number,
            Label = TokenLabel.Format(queue.Prefix, number),
            Source = request.Source,
            Priority = request.Priority,
            State = TokenState.Waiting,
            PatientId = request.PatientId,
            Patient = patient,
            IssuedAtCounterId = request.CounterId,
            IssuedAt = now,
            QueuedAt = now,
            ExpiresAt = now.AddMinutes(queue.ValidityMinutes),
            TransferredFromTokenId = transferredFrom,
        };
        db.Tokens.Add(token);
        await db.SaveChangesAsync(ct);
        _pendingEvents.Add(EventFor(QueueEventKind.Issued, token, now));
        return token;
    }

    /// <summary>One statement that creates or bumps the day's sequence, so no two callers can see the same number.</summary>
    private async Task<int> AllocateNumberAsync(int queueId, DateOnly serviceDate, CancellationToken ct)
    {
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO "TokenNumberSequences" ("QueueId", "ServiceDate", "LastNumber") VALUES ({queueId}, {serviceDate}, 1)
            ON CONFLICT ("QueueId", "ServiceDate") DO UPDATE SET "LastNumber" = "TokenNumberSequences"."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct);
        return numbers.Single();
    }

    private async Task<Token?> TryCallAsync(long tokenId, Counter counter, bool outOfOrder, CancellationToken ct)
    {
        var now = Now;
        var updated = await db.Tokens
            .Where(t => t.Id == tokenId && t.State == TokenState.Waiting)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.State, TokenState.Called)
                .SetProperty(t => t.CounterId, counter.Id)
                .SetProperty(t => t.CalledAt, now)
                .SetProperty(t => t.FirstCalledAt, t => t.FirstCalledAt ?? now)
                .SetProperty(t => t.CallCount, t => t.CallCount + 1)
                .SetProperty(t => t.CalledOutOfOrder, t => t.CalledOutOfOrder || outOfOrder), ct);
        if (updated == 0)
        {
            return null;
        }

        var token = await ReloadAsync(tokenId, ct);
        _pendingEvents.Add(EventFor(QueueEventKind.Called, token, now));
        return token;
    }

    private Task<Token> TransitionAsync(
        long tokenId,
        QueueEventKind kind,
        string action,
        TokenState[] allowedFrom,
        Action<Token, DateTime, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Token>> setters,
        CancellationToken cancellationToken) =>
        InTransactionAsync(async ct => await TransitionCoreAsync(await FindTokenAsync(tokenId, ct), kind, action, allowedFrom, setters, ct),
            cancellationToken);

    private async Task<Token> TransitionCoreAsync(
        Token token,
        QueueEventKind kind,
        string action,
        TokenState[] allowedFrom,
        Action<Token, DateTime, Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Token>> setters,
        CancellationToken ct)
    {
        var now = Now;
        var updated = await db.Tokens
            .Where(t => t.Id == token.Id && allowedFrom.Contains(t.State))
            .ExecuteUpdateAsync(set => setters(token, now, set), ct);
        if (updated == 0)
        {
            throw InvalidState(await ReloadAsync(token.Id, ct), action);
        }

        var changed = await ReloadAsync(token.Id, ct);
        _pendingEvents.Add(EventFor(kind, changed, now));
        return changed;
    }

    private async Task<Token> ReloadAsync(long tokenId, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<Token>().FirstOrDefault(e => e.Entity.Id == tokenId);
        if (tracked is not null)
        {
            tracked.State = EntityState.Detached;
        }

        return await db.Tokens.AsNoTracking().SingleAsync(t => t.Id == tokenId, ct);
    }

    private async Task EnsureCounterIsFreeAsync(Counter counter, CancellationToken ct)
    {
        // Two calls at one counter (two clerks, or two app instances) take turns, and the second sees the first's token.
        await TakeTurnAsync($"""UPDATE "Counters" SET "IsActive" = "IsActive" WHERE "Id" = {counter.Id}""", ct);
        var current = await db.Tokens
            .Where(t => t.CounterId == counter.Id && (t.State == TokenState.Called || t.State == TokenState.Serving))
            .Select(t => t.Label)
            .FirstOrDefaultAsync(ct);
        if (current is not null)
        {
            throw new QueueRuleException(QueueError.CounterBusy,
                $"{counter.Name} is still serving {current}: complete, skip or transfer it first.");
        }
    }

    /// <summary>
    /// A write that changes nothing holds its row until commit, so whoever comes next waits for this transaction. Only a
    /// database server needs it: SQLite's transactions already take turns, one writer at a time.
    /// </summary>
    private async Task TakeTurnAsync(FormattableString touchRow, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlAsync(touchRow, ct);
        }
    }

    private async Task<DateOnly> ServiceDateAsync(int facilityId, CancellationToken ct)
    {
        var timeZoneId = await db.Facilities.Where(f => f.Id == facilityId).Select(f => f.TimeZoneId).SingleAsync(ct);
        return FacilityCalendar.LocalDate(clock.GetUtcNow(), timeZoneId);
    }

    private async Task<ServiceQueue> FindQueueAsync(int queueId, CancellationToken ct) =>
        await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId, ct)
        ?? throw new QueueRuleException(QueueError.UnknownQueue, $"There is no queue with id {queueId}.");

    private async Task<Counter> FindCounterAsync(int counterId, CancellationToken ct) =>
        await db.Counters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == counterId, ct)
        ?? throw new QueueRuleException(QueueError.UnknownCounter, $"There is no counter with id {counterId}.");

    private async Task<Counter> FindActiveCounterAsync(int counterId, CancellationToken ct)
    {
        var counter = await FindCounterAsync(counterId, ct);
        return counter.IsActive
            ? counter
            : throw new QueueRuleException(QueueError.InactiveCounter, $"{counter.Name} is closed.");
    }

    private async Task<Token> FindTokenAsync(long tokenId, CancellationToken ct) =>
        await db.Tokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tokenId, ct)
        ?? throw new QueueRuleException(QueueError.UnknownToken, $"There is no token with id {tokenId}.");

    private static QueueRuleException InvalidState(Token token, string action) =>
        new(QueueError.InvalidState, $"Cannot {action} {token.Label}: it is {token.State.ToString().ToLowerInvariant()}.");

    private static QueueEvent EventFor(QueueEventKind kind, Token token, DateTime now) =>
        new(kind, token.FacilityId, token.QueueId, token.CounterId ?? token.IssuedAtCounterId, token.Id, token.Label, token.State, now);

    private void RunAfterCommit()
    {
        var toRun = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in toRun)
        {
            action();
        }
    }

    private void PublishPending()
    {
        var toPublish = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        foreach (var queueEvent in toPublish)
        {
            events.Publish(queueEvent);
        }
    }
}
