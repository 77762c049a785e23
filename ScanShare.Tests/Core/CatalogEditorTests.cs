using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

public sealed class CatalogEditorTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> EditAsync<T>(Func<CatalogEditor, Task<T>> edit)
    {
        await using var db = _db.CreateDbContext();
        return await edit(new CatalogEditor(db));
    }

    private async Task<int> FacilityIdAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.Facilities.Select(f => f.Id).SingleAsync();
    }

    [Fact]
    public async Task ACounterAddedByAnAdminIssuesTokensAndSurvivesTheNextStart()
    {
        var facilityId = await FacilityIdAsync();
        var registration = await _db.QueueIdAsync("registration");

        var counterId = await EditAsync(e => e.AddCounterAsync(facilityId, new CounterDraft("OPD-REG-3", "Registration Counter 3", registration)));
        await using (var db = _db.CreateDbContext())
        {
            await new FacilityCatalogSync(db, _db.Clock).ApplyAsync([DemoFacility.Create()]);
        }

        var issued = await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(registration, TokenSource.WalkIn, CounterId: counterId)));
        var called = await _db.RunAsync(e => e.CallNextAsync(counterId));
        var counters = await EditAsync(e => e.ListAsync());
        var added = counters.Single().Counters.Single(c => c.Code == "OPD-REG-3");
        Assert.Equal((true, CatalogOrigin.Admin), (added.IsActive, added.Origin));
        Assert.Equal(issued.Token.Id, called!.Id);
    }

    [Fact]
    public async Task WhatTheConfigurationDefinesCannotBeChangedHere()
    {
        var counterId = await _db.CounterIdAsync("OPD-REG-1");

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => EditAsync(async e => { await e.SetCounterOpenAsync(counterId, false); return 0; }));

        Assert.Contains("appsettings.json", refused.Message);
        Assert.True((await EditAsync(e => e.ListAsync())).Single().Counters.Single(c => c.Id == counterId).IsActive);
    }

    [Theory]
    [InlineData("OPD-REG-1", "Counter", "the code")]
    [InlineData("bad code!", "Counter", "letters, digits")]
    [InlineData("NEW-1", " ", "name is required")]
    public async Task ADuplicateOrMalformedCounterIsRefusedAndNothingIsAdded(string code, string name, string expected)
    {
        var facilityId = await FacilityIdAsync();
        var registration = await _db.QueueIdAsync("registration");

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => EditAsync(e => e.AddCounterAsync(facilityId, new CounterDraft(code, name, registration))));

        Assert.Contains(expected, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, (await EditAsync(e => e.ListAsync())).Single().Counters.Count);
    }

    [Fact]
    public async Task AQueueNeedsAPrefixNoOtherQueueUses()
    {
        var facilityId = await FacilityIdAsync();

        var refused = await Assert.ThrowsAsync<QueueRuleException>(() => EditAsync(e => e.AddQueueAsync(facilityId, new QueueDraft("radiology", "Radiology", "r", 30, false))));
        var added = await EditAsync(e => e.AddQueueAsync(facilityId, new QueueDraft("radiology", "Radiology", "x", 30, false)));

        Assert.Contains("OPD Registration", refused.Message);
        var queue = (await EditAsync(e => e.ListAsync())).Single().Queues.Single(q => q.Id == added);
        Assert.Equal(("X", CatalogOrigin.Admin), (queue.Prefix, queue.Origin));
    }
}
