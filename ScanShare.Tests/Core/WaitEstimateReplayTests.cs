using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using Xunit.Abstractions;

namespace ScanShare.Tests.Core;

/// <summary>
/// A registration morning replayed on the real engine and a moving clock: three hours of arrivals (a rush at opening),
/// two counters with varying service times and a 15-minute tea break at one. Every estimate made when a token is
/// issued is compared with the wait it actually had.
/// </summary>
public sealed class WaitEstimateReplayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task EstimatesAtIssueAreCloseToTheWaitsOfAReplayedMorning()
    {
        var random = new Random(20261123);
        var queue = await _db.QueueIdAsync("registration");
        int[] counters = [await _db.CounterIdAsync("OPD-REG-1"), await _db.CounterIdAsync("OPD-REG-2")];
        var start = _db.Clock.GetUtcNow();
        var end = start.AddHours(3);
        var freeAt = counters.ToDictionary(c => c, _ => start.AddMinutes(5));
        var serving = new Dictionary<int, long>();
        var estimates = new Dictionary<long, (DateTimeOffset IssuedAt, int? Minutes)>();
        var errors = new List<double>();
        var waits = new List<double>();
        var nextArrival = start;

        while (nextArrival < end || serving.Count > 0 || estimates.Count > errors.Count)
        {
            var (counter, counterFree) = freeAt.MinBy(f => f.Value);
            if (nextArrival < end && nextArrival <= counterFree)
            {
                _db.Clock.SetUtcNow(nextArrival);
                var issued = await _db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
                var estimate = await WithEstimatesAsync(w => w.ForTokenAsync(issued.Token.Id));
                estimates[issued.Token.Id] = (nextArrival, estimate!.Minutes);
                var rush = nextArrival < start.AddMinutes(45) ? 0.6 : 1.3;
                nextArrival = nextArrival.AddSeconds(-Math.Log(1 - random.NextDouble()) * 60 * rush);
                continue;
            }

            if (nextArrival >= end && serving.Count == 0 && estimates.Count == errors.Count)
            {
                break;
            }

            _db.Clock.SetUtcNow(counterFree);
            if (serving.Remove(counter, out var done))
            {
                await _db.RunAsync(e => e.CompleteAsync(done));
            }

            var called = await _db.RunAsync(e => e.CallNextAsync(counter));
            var breakTime = counter == counters[1] && counterFree > start.AddMinutes(90) && counterFree < start.AddMinutes(105);
            if (called is null)
            {
                freeAt[counter] = nextArrival < end ? nextArrival : counterFree.AddMinutes(1);
                if (nextArrival >= end && serving.Count == 0)
                {
                    freeAt[counter] = DateTimeOffset.MaxValue;
                }

                continue;
            }

            serving[counter] = called.Id;
            var (issuedAt, minutes) = estimates[called.Id];
            var actual = (counterFree - issuedAt).TotalMinutes;
            waits.Add(actual);
            if (minutes is { } estimated)
            {
                errors.Add(estimated - actual);
            }
            else
            {
                errors.Add(double.NaN);
            }

            freeAt[counter] = counterFree.AddSeconds(60 + random.NextDouble() * 90 + (breakTime ? 15 * 60 : 0));
        }

        var known = errors.Where(e => !double.IsNaN(e)).Select(Math.Abs).Order().ToList();
        var median = known[known.Count / 2];
        var p90 = known[(int)(known.Count * 0.9)];
        var within5 = known.Count(e => e <= 5) / (double)known.Count;
        output.WriteLine($"{errors.Count} tokens, {known.Count} with an estimate; absolute error median {median:F1} min, p90 {p90:F1} min, mean {known.Average():F1} min; within 5 min: {within5:P0}; mean signed error {errors.Where(e => !double.IsNaN(e)).Average():F1} min");
        output.WriteLine($"actual waits: mean {waits.Average():F1} min, longest {waits.Max():F1} min");
        // Before the day's first three calls there is no pace yet: those slips say only how many are ahead.
        Assert.True(known.Count >= errors.Count * 0.85, $"{errors.Count - known.Count} tokens had no estimate.");
        Assert.True(median <= 5, $"Median error {median:F1} min");
        Assert.True(within5 >= 0.5, $"Only {within5:P0} within 5 min");
    }

    private async Task<T> WithEstimatesAsync<T>(Func<WaitEstimates, Task<T>> query)
    {
        await using var db = _db.CreateDbContext();
        return await query(new WaitEstimates(db, _db.Clock));
    }
}
