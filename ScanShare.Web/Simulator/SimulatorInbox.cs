using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;

namespace ScanShare.Web.Simulator;

/// <summary>An on-share callback as the simulated gateway received it.</summary>
public sealed record SimulatorCallback(
    string Version,
    Guid? ShareRequestId,
    string? Status,
    string? TokenNumber,
    string? ErrorMessage,
    string? CallbackRequestId,
    string? HipId,
    string? CmId,
    string Body,
    DateTimeOffset ReceivedAt);

/// <summary>A callback the simulated gateway refused as not conforming, with each problem keyed by header or field.</summary>
public sealed record RefusedCallback(string Version, IReadOnlyDictionary<string, string[]> Problems);

/// <summary>
/// The callbacks the simulated gateway received (the newest 500), with live notification, failure injection, slow
/// answers, and the callbacks it refused as not conforming.
/// </summary>
public sealed class SimulatorInbox(TimeProvider clock)
{
    private const int Capacity = 500;

    private readonly ConcurrentQueue<SimulatorCallback> _received = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<SimulatorCallback>> _waiters = new();
    private ImmutableArray<Action<SimulatorCallback>> _subscribers = [];
    private int _failuresToInject;
    private int _failureStatus = StatusCodes.Status503ServiceUnavailable;
    private int _attempts;
    private int _arrived;
    private TimeSpan _answerDelay;
    private readonly ConcurrentQueue<RefusedCallback> _refused = new();

    public IReadOnlyList<SimulatorCallback> Received => [.. _received.Reverse()];

    /// <summary>Every callback attempt, including the ones answered with an injected failure.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Callbacks refused because they did not carry what the gateway requires.</summary>
    public IReadOnlyList<RefusedCallback> RefusedCallbacks => [.. _refused];

    /// <summary>Callbacks that reached the simulator, including those still waiting for a slow answer.</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Each callback is answered only after this delay, like a slow gateway.</summary>
    public void DelayAnswers(TimeSpan delay) => _answerDelay = delay;

    public void Refused(string version, IReadOnlyDictionary<string, string[]> problems) => _refused.Enqueue(new RefusedCallback(version, problems));

    /// <summary>The next <paramref name="count"/> callbacks are answered with <paramref name="statusCode"/> and not recorded.</summary>
    public void FailNext(int count, int statusCode = StatusCodes.Status503ServiceUnavailable)
    {
        _failureStatus = statusCode;
        Volatile.Write(ref _failuresToInject, count);
    }

    public IDisposable Subscribe(Action<SimulatorCallback> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(handler)));
    }

    /// <summary>Waits for the callback that answers the share with this request id.</summary>
    public Task<SimulatorCallback> WaitForAsync(Guid shareRequestId, TimeSpan timeout)
    {
        var waiter = _waiters.GetOrAdd(shareRequestId, _ => new TaskCompletionSource<SimulatorCallback>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_received.FirstOrDefault(c => c.ShareRequestId == shareRequestId) is { } already)
        {
            waiter.TrySetResult(already);
        }

        return waiter.Task.WaitAsync(timeout);
    }

    /// <returns>The status to answer with, after the answer delay: 202, or an injected failure.</returns>
    public async Task<int> ReceiveAsync(string version, JsonElement body, IHeaderDictionary headers)
    {
        Interlocked.Increment(ref _arrived);
        if (_answerDelay > TimeSpan.Zero)
        {
            await Task.Delay(_answerDelay, clock);
        }

        return Receive(version, body, headers);
    }

    /// <returns>The status to answer with: 202, or an injected failure.</returns>
    private int Receive(string version, JsonElement body, IHeaderDictionary headers)
    {
        Interlocked.Increment(ref _attempts);
        if (Interlocked.Decrement(ref _failuresToInject) >= 0)
        {
            return _failureStatus;
        }

        Interlocked.Exchange(ref _failuresToInject, 0);
        var callback = Parse(version, body, headers);
        _received.Enqueue(callback);
        while (_received.Count > Capacity && _received.TryDequeue(out _))
        {
        }

        if (callback.ShareRequestId is { } requestId)
        {
            _waiters.GetOrAdd(requestId, _ => new TaskCompletionSource<SimulatorCallback>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(callback);
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber(callback);
        }

        return StatusCodes.Status202Accepted;
    }

    private SimulatorCallback Parse(string version, JsonElement body, IHeaderDictionary headers)
    {
        var acknowledgement = Property(body, "acknowledgement");
        var answered = version == "v3" ? Property(Property(body, "response"), "requestId") : Property(Property(body, "resp"), "requestId");
        var token = version == "v3" ? Property(Property(acknowledgement, "profile"), "tokenNumber") : Property(acknowledgement, "tokenNumber");
        return new SimulatorCallback(
            version,
            Guid.TryParse(Text(answered), out var id) ? id : null,
            Text(Property(acknowledgement, "status")) ?? (Property(body, "error").ValueKind == JsonValueKind.Object ? "FAILED" : null),
            Text(token),
            Text(Property(Property(body, "error"), "message")),
            version == "v3" ? headers["REQUEST-ID"].FirstOrDefault() : Text(Property(body, "requestId")),
            headers["X-HIP-ID"].FirstOrDefault(),
            headers["X-CM-ID"].FirstOrDefault(),
            body.GetRawText(),
            clock.GetUtcNow());
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
