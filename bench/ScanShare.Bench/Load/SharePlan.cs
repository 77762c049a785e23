using ScanShare.Bench.Hosting;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Load;

public enum ShareKind
{
    /// <summary>A patient scanning for the first time today.</summary>
    New,

    /// <summary>An earlier patient scanning the same counter again (new request id): the app returns the same token.</summary>
    RepeatScan,

    /// <summary>The gateway retrying an earlier request, byte for byte: the app changes nothing.</summary>
    Replay,
}

/// <summary>A v3 share, signed and serialized before the clock starts so the load generator only sends bytes.</summary>
public sealed record PreparedShare(
    int Index,
    ShareKind Kind,
    Guid RequestId,
    string CounterCode,
    byte[] Body,
    KeyValuePair<string, string>[] Headers,
    string Authorization);

/// <summary>
/// The shares of one run, in sending order: distinct patients across all counters, about 5 % repeat scans of an
/// earlier patient and 1 % replays of an earlier request. The gateway reuses its token for many calls, so a small pool
/// of signed tokens is shared by all shares.
/// </summary>
public sealed class SharePlan(IReadOnlyList<PreparedShare> shares)
{
    private const double RepeatShare = 0.05;
    private const double ReplayShare = 0.01;
    private const int TokenPool = 64;

    public IReadOnlyList<PreparedShare> Shares => shares;

    public int Count => shares.Count;

    public PreparedShare this[int index] => shares[index];

    public static async Task<SharePlan> CreateAsync(SimulatorKeys keys, int count, int seed = 2026)
    {
        var random = new Random(seed);
        var patients = new IndianPatientGenerator(random);
        var tokens = Enumerable.Range(0, TokenPool).Select(_ => "Bearer " + keys.CreateGatewayToken(lifetime: TimeSpan.FromHours(1))).ToArray();
        var now = DateTimeOffset.UtcNow;
        var shares = new List<PreparedShare>(count);
        var firstScans = new List<(PreparedShare Share, SimulatedPatient Patient)>();
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var authorization = tokens[i % TokenPool];
            if (roll < ReplayShare && firstScans.Count > 100)
            {
                var earlier = Recent(firstScans, random).Share;
                shares.Add(earlier with { Index = i, Kind = ShareKind.Replay });
            }
            else if (roll < ReplayShare + RepeatShare && firstScans.Count > 100)
            {
                var (earlier, patient) = Recent(firstScans, random);
                shares.Add(await PrepareAsync(i, ShareKind.RepeatScan, earlier.CounterCode, patient, authorization, now));
            }
            else
            {
                var patient = patients.Next();
                var counter = BenchFacility.CounterCodes[random.Next(BenchFacility.CounterCodes.Count)];
                var share = await PrepareAsync(i, ShareKind.New, counter, patient, authorization, now);
                shares.Add(share);
                firstScans.Add((share, patient));
            }
        }

        return new SharePlan(shares);
    }

    /// <summary>One of the last thousand first scans, but not one of the last fifty (those may still be in flight).</summary>
    private static (PreparedShare Share, SimulatedPatient Patient) Recent(List<(PreparedShare, SimulatedPatient)> firstScans, Random random)
    {
        var newest = firstScans.Count - 50;
        var oldest = Math.Max(0, newest - 1_000);
        return firstScans[random.Next(oldest, newest)];
    }

    private static async Task<PreparedShare> PrepareAsync(
        int index, ShareKind kind, string counter, SimulatedPatient patient, string authorization, DateTimeOffset now)
    {
        var requestId = Guid.NewGuid();
        using var request = SimulatedShares.Create("v3", BenchFacility.HipId, counter, patient, requestId, "unused", now);
        var body = await request.Content!.ReadAsByteArrayAsync();
        var headers = request.Headers
            .Where(h => h.Key != "Authorization")
            .Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value)))
            .ToArray();
        return new PreparedShare(index, kind, requestId, counter, body, headers, authorization);
    }
}
