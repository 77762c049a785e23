using System.Diagnostics;

namespace ScanShare.Bench.Load;

/// <summary>
/// Sends the plan's shares in order to one target, open loop (at fixed times, whatever the answers) or closed loop
/// (a fixed number of senders, each sending again as soon as it is answered).
/// </summary>
public sealed class LoadGenerator(HttpClient client, SharePlan plan, bool wrapAround)
{
    public const string SharePath = "api/v3/hip/patient/share";

    private int _cursor;

    public static HttpClient CreateClient(Uri baseAddress, int maxConnections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, UseCookies = false, UseProxy = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>
    /// Issues <paramref name="rate"/> shares a second for <paramref name="duration"/>, each at its scheduled time without
    /// waiting for earlier answers (at most <paramref name="maxInFlight"/> outstanding). Latency counts from the
    /// scheduled time, so a server that falls behind is charged for the wait it causes. A server that falls far behind
    /// is not waited for: after twice the phase's duration no more shares are issued (the phase shows fewer sent).
    /// </summary>
    public async Task<PhaseRun> OpenLoopAsync(string name, int rate, TimeSpan duration, int maxInFlight)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var records = new SendRecord[count];
        var pending = new List<Task>(count);
        using var inFlight = new SemaphoreSlim(maxInFlight);
        var ticksPerShare = Stopwatch.Frequency / (double)rate;
        using var cpu = CpuMeter.Start();
        var start = Timestamps.Now;
        var giveUpAt = Timestamps.After(start, duration * 2);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < count;)
        {
            var now = Timestamps.Now;
            if (now > giveUpAt)
            {
                count = i;
                break;
            }

            for (; i < count && start + (long)(i * ticksPerShare) <= now; i++)
            {
                if (Next() is not { } share)
                {
                    count = i;
                    break;
                }

                await inFlight.WaitAsync();
                pending.Add(SendAndRecordAsync(share, start + (long)(i * ticksPerShare), records, i, inFlight));
            }

            if (i < count)
            {
                await timer.WaitForNextTickAsync();
            }
        }

        await Task.WhenAll(pending);
        var end = Timestamps.Now;
        return new PhaseRun(name, rate, start, end, records[..count], cpu.PercentOfMachine());
    }

    /// <summary>Keeps <paramref name="concurrency"/> shares in flight for <paramref name="duration"/>: the most the target can take.</summary>
    public async Task<PhaseRun> ClosedLoopAsync(string name, int concurrency, TimeSpan duration, int capacity)
    {
        var records = new SendRecord[capacity];
        var used = 0;
        using var cpu = CpuMeter.Start();
        var start = Timestamps.Now;
        var deadline = Timestamps.After(start, duration);

        async Task SendUntilDeadlineAsync()
        {
            while (Timestamps.Now < deadline && Next() is { } share)
            {
                var slot = Interlocked.Increment(ref used) - 1;
                if (slot >= capacity)
                {
                    return;
                }

                records[slot] = await SendAsync(share, Timestamps.Now);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(SendUntilDeadlineAsync)));
        var end = Timestamps.Now;
        return new PhaseRun(name, null, start, end, [.. records.Take(Math.Min(used, capacity)).Where(r => r.AnsweredAt != 0)], cpu.PercentOfMachine());
    }

    private PreparedShare? Next()
    {
        var index = Interlocked.Increment(ref _cursor) - 1;
        return index < plan.Count ? plan[index] : wrapAround ? plan[index % plan.Count] : null;
    }

    private async Task SendAndRecordAsync(PreparedShare share, long scheduledAt, SendRecord[] records, int slot, SemaphoreSlim inFlight)
    {
        try
        {
            records[slot] = await SendAsync(share, scheduledAt);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task<SendRecord> SendAsync(PreparedShare share, long scheduledAt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SharePath) { Content = new ByteArrayContent(share.Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation("Authorization", share.Authorization);
        foreach (var (header, value) in share.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        int status;
        var upstreamPort = 0;
        try
        {
            using var response = await client.SendAsync(request);
            status = (int)response.StatusCode;
            upstreamPort = UpstreamPort(response);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }

        return new SendRecord(share.Index, status, scheduledAt, Timestamps.Now, upstreamPort);
    }

    private static int UpstreamPort(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Cluster.NginxProxy.UpstreamHeader, out var values)
            && values.First() is var address && address.LastIndexOf(':') is var colon and > 0
            && int.TryParse(address.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port
            : 0;
}
