using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

/// <summary>Many shares and many clerks at once, each with its own connection to one real database, on each provider.</summary>
public sealed class ConcurrencyTests
{
    private const int CounterCount = 8;

    private static FacilitySettings BusyHospital() => new()
    {
        HipId = "IN2910000777",
        Name = "Busy State Hospital",
        Queues = [new() { Code = "registration", Name = "Registration", Prefix = "R" }],
        Counters = Enumerable.Range(1, CounterCount)
            .Select(i => new CounterSettings { Code = $"REG-{i}", Name = $"Counter {i}", Queue = "registration" })
            .ToList(),
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AThousandConcurrentIssuesGetAThousandDistinctConsecutiveNumbers(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(BusyHospital(), provider: provider);
        var queue = await db.QueueIdAsync("registration");

        var issued = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() =>
            db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.Scan))))));

        Assert.Equal(Enumerable.Range(1, 1000), issued.Select(t => t.Token.Number).Order());
        Assert.Equal(1000, issued.Select(t => t.Token.Label).Distinct().Count());
        await using var context = db.CreateDbContext();
        Assert.Equal(1000, await context.Tokens.CountAsync());
        Assert.Equal(1000, db.Published.Count(e => e.Kind == QueueEventKind.Issued));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentRepeatScansOfOnePatientGetOneToken(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(BusyHospital(), provider: provider);
        var queue = await db.QueueIdAsync("registration");
        var patient = await db.AddPatientAsync("Sunita Devi");

        var issued = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.Scan, patient))))));

        Assert.Single(issued.Select(t => t.Token.Id).Distinct());
        Assert.Single(issued, t => !t.Reused);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ClerksPressingCallNextAtTheSameMomentNeverGetTheSameToken(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(BusyHospital(), provider: provider);
        var queue = await db.QueueIdAsync("registration");
        for (var i = 0; i < 40; i++)
        {
            await db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        }

        var counters = new List<int>();
        for (var i = 1; i <= CounterCount; i++)
        {
            counters.Add(await db.CounterIdAsync($"REG-{i}"));
        }

        var calledTokens = new List<Token>();
        for (var round = 0; round < 5; round++)
        {
            var called = await Task.WhenAll(counters.Select(counter => Task.Run(() => db.RunAsync(e => e.CallNextAsync(counter)))));
            Assert.All(called, Assert.NotNull);
            Assert.Equal(CounterCount, called.Select(t => t!.Id).Distinct().Count());
            calledTokens.AddRange(called!);
            await Task.WhenAll(called.Select(t => Task.Run(() => db.RunAsync(e => e.CompleteAsync(t!.Id)))));
        }

        Assert.Equal(Enumerable.Range(1, 40), calledTokens.Select(t => t.Number).Order());
        Assert.Null(await db.RunAsync(e => e.CallNextAsync(counters[0])));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentCompletesOfOneTokenHaveExactlyOneWinner(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(BusyHospital(), provider: provider);
        var queue = await db.QueueIdAsync("registration");
        var counter = await db.CounterIdAsync("REG-1");
        await db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        var called = await db.RunAsync(e => e.CallNextAsync(counter));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            try
            {
                await db.RunAsync(e => e.CompleteAsync(called!.Id));
                return true;
            }
            catch (QueueRuleException)
            {
                return false;
            }
        })));

        Assert.Single(attempts, won => won);
        Assert.Single(db.Published, e => e.Kind == QueueEventKind.Completed);
    }
}
