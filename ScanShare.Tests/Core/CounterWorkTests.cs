using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abha;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Reporting;
using ScanShare.Core.Staff;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

/// <summary>The layer the desk calls decides who may act where, whatever the page showed, and records who did.</summary>
public sealed class CounterWorkTests : IAsyncLifetime
{
    private const string OtherHipId = "IN2910000777";
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var other = DemoFacility.Create();
        (other.HipId, other.Name) = (OtherHipId, "Rural Hospital");
        await using var db = _db.CreateDbContext();
        await new FacilityCatalogSync(db, _db.Clock).ApplyAsync([DemoFacility.Create(), other]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AClerkFixedToCounter2CannotCallRecallOrCompleteAtCounter1()
    {
        var counter1 = await CounterIdAsync("OPD-REG-1");
        var counter2 = await CounterIdAsync("OPD-REG-2");
        var free = await AddStaffAsync("asha", StaffRoles.Clerk, [DemoFacility.HipId]);
        var fixedTo2 = await AddStaffAsync("ravi", StaffRoles.Clerk, [DemoFacility.HipId], counter2);
        await IssueAsync("registration", 2);
        var called = (await WorkAsync(w => w.CallNextAsync(free, counter1)))!;

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w => w.CallNextAsync(fixedTo2, counter1)));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w => w.RecallAsync(fixedTo2, counter1, called.Id)));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w => w.CompleteAsync(fixedTo2, counter1, called.Id)));

        Assert.Equal(TokenState.Called, (await _db.TokenAsync(called.Id)).State);
        Assert.NotNull(await WorkAsync(w => w.CallNextAsync(fixedTo2, counter2)));
    }

    [Fact]
    public async Task StaffOfAnotherFacilityASupervisorAndALockedClerkCannotActAtAllAndChangeNothing()
    {
        var counter1 = await CounterIdAsync("OPD-REG-1");
        var stranger = await AddStaffAsync("rural.clerk", StaffRoles.Clerk, [OtherHipId]);
        var supervisor = await AddStaffAsync("meena", StaffRoles.Supervisor, [DemoFacility.HipId]);
        var locked = await AddStaffAsync("gone", StaffRoles.Clerk, [DemoFacility.HipId], locked: true);
        await IssueAsync("registration", 1);

        foreach (var who in new[] { stranger, supervisor, locked, "no-such-account" })
        {
            await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w => w.CallNextAsync(who, counter1)));
            await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w =>
                w.IssueWalkInAsync(who, counter1, new WalkIn("Walk In", Gender.M, null, null, PriorityLane.None))));
        }

        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.Tokens.CountAsync());
        Assert.Equal(0, await db.Tokens.CountAsync(t => t.State != TokenState.Waiting));
        Assert.Empty(await db.TokenActions.ToListAsync());
    }

    [Fact]
    public async Task ATokenOfAnotherQueueCannotBeTouchedThroughThisCounter()
    {
        var registrationCounter = await CounterIdAsync("OPD-REG-1");
        var labCounter = await CounterIdAsync("LAB-1");
        var clerk = await AddStaffAsync("asha", StaffRoles.Clerk, [DemoFacility.HipId]);
        await IssueAsync("lab", 1);
        var labToken = (await WorkAsync(w => w.CallNextAsync(clerk, labCounter)))!;

        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w => w.CompleteAsync(clerk, registrationCounter, labToken.Id)));
        await Assert.ThrowsAsync<StaffAccessDeniedException>(() => WorkAsync(w => w.RegistrationDraftAsync(clerk, registrationCounter, labToken.Id)));
    }

    [Fact]
    public async Task EveryActionRecordsItsAuthorAndPerClerkFiguresEqualTheRows()
    {
        var counter1 = await CounterIdAsync("OPD-REG-1");
        var counter2 = await CounterIdAsync("OPD-REG-2");
        var asha = await AddStaffAsync("asha", StaffRoles.Clerk, [DemoFacility.HipId]);
        var ravi = await AddStaffAsync("ravi", StaffRoles.Clerk, [DemoFacility.HipId], counter2);
        await IssueAsync("registration", 5);
        for (var i = 0; i < 3; i++)
        {
            var token = (await WorkAsync(w => w.CallNextAsync(asha, counter1)))!;
            _db.Clock.Advance(TimeSpan.FromMinutes(2));
            await WorkAsync(w => w.CompleteAsync(asha, counter1, token.Id));
        }

        var raviToken = (await WorkAsync(w => w.CallNextAsync(ravi, counter2)))!;
        await WorkAsync(w => w.SkipAsync(ravi, counter2, raviToken.Id));

        await using var db = _db.CreateDbContext();
        var actions = await db.TokenActions.ToListAsync();
        Assert.Equal(8, actions.Count);
        Assert.All(actions.Where(a => a.StaffUserId == asha), a => Assert.Equal((counter1, "asha (name)"), (a.CounterId!.Value, a.StaffName)));
        Assert.Equal([QueueEventKind.Called, QueueEventKind.Requeued], actions.Where(a => a.StaffUserId == ravi).Select(a => a.Kind));
        var facilityId = await db.Facilities.Where(f => f.HipId == DemoFacility.HipId).Select(f => f.Id).SingleAsync();
        var today = await new DailyReports(db, _db.Clock).TodayAsync(facilityId);
        var report = await new DailyReports(db, _db.Clock).ReportAsync(facilityId, today, today);
        var byClerk = report.ByClerk.ToDictionary(c => c.StaffUserId);
        Assert.Equal((3, 3, 2.0), (byClerk[asha].Called, byClerk[asha].Served, byClerk[asha].Service.AverageMinutes));
        Assert.Equal((1, 0), (byClerk[ravi].Called, byClerk[ravi].Served));
        Assert.Equal(actions.Count(a => a.Kind == QueueEventKind.Called), report.ByClerk.Sum(c => c.Called));
    }

    private async Task<int> CounterIdAsync(string code)
    {
        await using var db = _db.CreateDbContext();
        return await db.Counters.Where(c => c.Code == code && db.Facilities.Any(f => f.Id == c.FacilityId && f.HipId == DemoFacility.HipId))
            .Select(c => c.Id).SingleAsync();
    }

    private async Task<int> QueueIdAsync(string code)
    {
        await using var db = _db.CreateDbContext();
        return await db.Queues.Where(q => q.Code == code && db.Facilities.Any(f => f.Id == q.FacilityId && f.HipId == DemoFacility.HipId))
            .Select(q => q.Id).SingleAsync();
    }

    private async Task<T> WorkAsync<T>(Func<CounterWork, Task<T>> action)
    {
        await using var db = _db.CreateDbContext();
        var acting = new ActingStaff();
        var engine = new QueueEngine(db, _db.Clock, _db.Events, acting: acting);
        var work = new CounterWork(db, engine, new StaffScopes(db, _db.Clock), acting,
            new WalkInRegistration(db, engine, _db.Clock), new PatientRegistration(db, engine, _db.Clock), new AbhaDeskPatients(db, engine, _db.Clock));
        return await action(work);
    }

    private async Task IssueAsync(string queueCode, int count)
    {
        var queueId = await QueueIdAsync(queueCode);
        for (var i = 0; i < count; i++)
        {
            await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queueId, TokenSource.WalkIn)));
        }
    }

    private Task<string> AddStaffAsync(string userName, string role, string[] hipIds, int? assignedCounterId = null, bool locked = false) =>
        _db.AddStaffAsync(userName, role, hipIds, assignedCounterId, locked);
}
