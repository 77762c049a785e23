using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;

namespace ScanShare.Web.Simulator;

/// <summary>A linking call as the simulated gateway received it, headers and body as sent.</summary>
public sealed record ReceivedLinkingCall(
    LinkingCall Call, Guid RequestId, string HipId, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt);

/// <summary>A linking call the simulated gateway refused, with each problem keyed by header or field.</summary>
public sealed record RefusedLinkingCall(LinkingCall Call, IReadOnlyDictionary<string, string[]> Problems);

/// <summary>A visit as the patient's ABHA app shows it once the facility linked it.</summary>
public sealed record LinkedVisit(
    string AbhaAddress, string HipId, string PatientReference, string PatientDisplay, string CareContextReference, string Display,
    string HiType, DateTimeOffset LinkedAt, bool Notified);

/// <summary>An SMS the gateway sent a patient without ABHA on a facility's behalf.</summary>
public sealed record SmsNotice(string PhoneNo, string HipName, string HipId, DateTimeOffset SentAt);

/// <summary>
/// The simulated gateway's side of linking: it takes the calls (already checked for conformance), keeps what the
/// patient's ABHA app would show (linked visits, SMS sent), answers each call a moment later, and fails the next
/// calls of a kind with a chosen error code when asked to.
/// </summary>
public sealed class SimulatedLinking(SimulatedAnswers answers, TimeProvider clock)
{
    /// <summary>Calls and answers kept for tests and the page; older ones are dropped, as a long demo or a benchmark makes many.</summary>
    public const int Capacity = 2000;

    private static readonly string[] RecordedHeaders = ["REQUEST-ID", "TIMESTAMP", "X-CM-ID", "X-HIP-ID", "X-LINK-TOKEN", "Authorization", "Content-Type"];

    private readonly ConcurrentQueue<ReceivedLinkingCall> _received = new();
    private readonly ConcurrentQueue<RefusedLinkingCall> _refused = new();
    private readonly ConcurrentDictionary<LinkingCall, ConcurrentQueue<(string Code, string Message)>> _failures = new();
    private readonly ConcurrentDictionary<(string AbhaAddress, string Reference), LinkedVisit> _visits = new();
    private readonly ConcurrentQueue<SmsNotice> _sms = new();
    private ImmutableArray<Action> _subscribers = [];

    public IReadOnlyList<ReceivedLinkingCall> Received => [.. _received];

    public IReadOnlyList<RefusedLinkingCall> RefusedCalls => [.. _refused];

    /// <summary>What the patients' ABHA apps show: each linked visit, newest first.</summary>
    public IReadOnlyList<LinkedVisit> LinkedVisits => [.. _visits.Values.OrderByDescending(v => v.LinkedAt)];

    public IReadOnlyList<SmsNotice> SmsSent => [.. _sms.Reverse()];

    /// <summary>The next <paramref name="count"/> calls of this kind are answered with this error instead.</summary>
    public void FailNext(LinkingCall call, string code, string message, int count = 1)
    {
        var queue = _failures.GetOrAdd(call, _ => new ConcurrentQueue<(string, string)>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((code, message));
        }
    }

    public IDisposable Subscribe(Action changed)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(changed));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(changed)));
    }

    public void Refused(LinkingCall call, IReadOnlyDictionary<string, string[]> problems) => _refused.Enqueue(new RefusedLinkingCall(call, problems));

    /// <summary>Takes a conforming call: records it, applies it to the ABHA apps unless a failure is due, and schedules the answer.</summary>
    public void Receive(LinkingCall call, Guid requestId, string hipId, JsonElement body, IHeaderDictionary headers)
    {
        var now = clock.GetUtcNow();
        _received.Enqueue(new ReceivedLinkingCall(call, requestId, hipId,
            RecordedHeaders.Where(headers.ContainsKey).ToDictionary(h => h, h => headers[h].ToString(), StringComparer.OrdinalIgnoreCase),
            body.GetRawText(), now));
        while (_received.Count > Capacity && _received.TryDequeue(out _))
        {
        }

        var failure = _failures.TryGetValue(call, out var queue) && queue.TryDequeue(out var next) ? next : default((string Code, string Message)?);
        var abhaAddress = call switch
        {
            LinkingCall.GenerateToken or LinkingCall.LinkCareContext => Text(body, "abhaAddress"),
            LinkingCall.Notify => Text(Property(Property(body, "notification"), "patient"), "id"),
            _ => null,
        };
        if (failure is null)
        {
            Apply(call, hipId, abhaAddress, body, now);
        }

        answers.Schedule(new SimulatedAnswer(call, requestId, hipId, abhaAddress, failure?.Code, failure?.Message));
    }

    private void Apply(LinkingCall call, string hipId, string? abhaAddress, JsonElement body, DateTimeOffset now)
    {
        switch (call)
        {
            case LinkingCall.LinkCareContext:
                Link(hipId, abhaAddress!, body, now);
                break;
            case LinkingCall.Notify:
                MarkNotified(abhaAddress!, Text(Property(Property(body, "notification"), "careContext"), "careContextReference")!);
                break;
            case LinkingCall.SmsNotify:
                var notification = Property(body, "notification");
                _sms.Enqueue(new SmsNotice(Text(notification, "phoneNo")!, Text(Property(notification, "hip"), "name")!, hipId, now));
                break;
            default:
                return;
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber();
        }
    }

    private void Link(string hipId, string abhaAddress, JsonElement body, DateTimeOffset now)
    {
        foreach (var patient in Property(body, "patient").EnumerateArray())
        {
            foreach (var context in Property(patient, "careContexts").EnumerateArray())
            {
                // Linking the same care context again changes nothing, as at the gateway.
                var reference = Text(context, "referenceNumber")!;
                _visits.TryAdd((abhaAddress, reference), new LinkedVisit(abhaAddress, hipId, Text(patient, "referenceNumber")!,
                    Text(patient, "display")!, reference, Text(context, "display")!, Text(patient, "hiType")!, now, Notified: false));
            }
        }
    }

    private void MarkNotified(string abhaAddress, string careContextReference)
    {
        if (_visits.TryGetValue((abhaAddress, careContextReference), out var visit))
        {
            _visits[(abhaAddress, careContextReference)] = visit with { Notified = true };
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
