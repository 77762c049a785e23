using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Cluster;

/// <summary>Two app instances on one PostgreSQL database and one Redis server, shares arriving at both.</summary>
public sealed class TwoInstanceTests
{
    private static readonly string[] Counters = ["OPD-REG-1", "OPD-REG-2"];

    [Fact]
    public async Task FiveHundredSharesSplitAcrossTwoInstancesGetFiveHundredDistinctTokensAndOneCallbackEach()
    {
        await using var cluster = await ClusterInstances.StartAsync();
        var second = cluster.AddInstance();
        var callbacks = new ConcurrentDictionary<Guid, int>();
        using var watch = cluster.GatewayInbox.Subscribe(c =>
        {
            if (c.ShareRequestId is { } id)
            {
                callbacks.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
        });
        using var toFirst = cluster.First.CreateClient();
        using var toSecond = second.CreateClient();
        var shares = Enumerable.Range(0, 500).Select(i => (Index: i, RequestId: Guid.NewGuid())).ToList();

        var answers = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(shares, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (share, ct) =>
        {
            var instance = share.Index % 2 == 0 ? toFirst : toSecond;
            using var response = await instance.SendAsync(cluster.Share(Counters[share.Index / 2 % 2], share.RequestId, 1000 + share.Index), ct);
            answers.Add(response.StatusCode);
        });

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(callbacks.Count == 500), TimeSpan.FromSeconds(60)),
            $"{callbacks.Count} of 500 shares got their callback.");
        await GatewayQuiet.WaitAsync(cluster.First);
        await GatewayQuiet.WaitAsync(second);
        Assert.All(shares, share => Assert.Equal(1, callbacks.GetValueOrDefault(share.RequestId)));
        await using var db = cluster.First.CreateDbContext();
        var tokens = await db.Tokens.Select(t => new { t.QueueId, t.ServiceDate, t.Number, t.Label }).ToListAsync();
        Assert.Equal(500, tokens.Count);
        Assert.Equal(Enumerable.Range(1, 500), tokens.Select(t => t.Number).Order());
        Assert.Equal(500, tokens.Select(t => t.Label).Distinct().Count());
        var onShare = await db.OutboxMessages.Where(o => o.Flow == GatewayFlow.OnShare).ToListAsync();
        Assert.Equal(500, onShare.Count);
        Assert.All(onShare, o => Assert.True(o.DeliveredAt is not null && o.Attempts == 1, $"{o.RequestId}: {o.Attempts} attempts"));
    }

    [Fact]
    public async Task InstancesStartingAtTheSameMomentOnAnEmptyDatabaseSetItUpOnce()
    {
        var database = await TestDatabase.NewEmptyPostgresDatabaseAsync();
        var instances = Enumerable.Range(0, 3).Select(_ => new ScanShareAppFactory { Database = database }).ToList();
        try
        {
            await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.UseRealServer())));

            await using var db = instances[0].CreateDbContext();
            Assert.Equal(1, await db.Facilities.CountAsync());
            Assert.Equal(4, await db.Counters.CountAsync());
            Assert.Equal(await db.Users.Select(u => u.UserName).Distinct().CountAsync(), await db.Users.CountAsync());
            Assert.Equal(3, await db.Roles.CountAsync());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WhenAnInstanceIsKilledMidLoadTheOtherFinishesAndEveryAcceptedShareGetsItsCallback()
    {
        await using var cluster = await ClusterInstances.StartAsync();
        var doomed = await cluster.AddProcessAsync();
        var called = new ConcurrentDictionary<Guid, int>();
        using var watch = cluster.GatewayInbox.Subscribe(c =>
        {
            if (c.ShareRequestId is { } id)
            {
                called.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
        });

        // The gateway is slow to answer, so the doomed instance dies holding callbacks it claimed and never sent.
        cluster.GatewayInbox.DelayAnswers(TimeSpan.FromMilliseconds(400));
        using var toSurvivor = cluster.First.CreateClient();
        using var toDoomed = new HttpClient { BaseAddress = doomed.BaseAddress };
        var accepted = new ConcurrentBag<Guid>();
        var refusedByTheDead = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            if (i == 120)
            {
                doomed.Kill();
            }

            var requestId = Guid.NewGuid();
            var target = i % 2 == 0 ? toSurvivor : toDoomed;
            try
            {
                using var response = await target.SendAsync(cluster.Share(Counters[i % 2], requestId, 5000 + i), ct);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(requestId);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The dead instance: as the gateway would, the share is sent again, and the proxy passes it to the survivor.
            }

            Interlocked.Increment(ref refusedByTheDead);
            using var retried = await toSurvivor.SendAsync(cluster.Share(Counters[i % 2], requestId, 5000 + i), ct);
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            accepted.Add(requestId);
        });

        Assert.Equal(200, accepted.Count);
        Assert.True(refusedByTheDead > 0, "The instance was killed before it had taken any share.");
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(accepted.All(called.ContainsKey)), TimeSpan.FromSeconds(90)),
            $"{accepted.Count(called.ContainsKey)} of {accepted.Count} accepted shares got their callback.");
        await using var db = cluster.First.CreateDbContext();
        Assert.Equal(0, await db.OutboxMessages.CountAsync(o => o.DeliveredAt == null));
        Assert.Equal(200, await db.Tokens.Select(t => t.Label).Distinct().CountAsync());
    }
}
