using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using ScanShare.Web.Abdm;

namespace ScanShare.Web.Simulator;

public enum LinkingCall
{
    GenerateToken,
    LinkCareContext,
    Notify,
    SmsNotify,
}

/// <summary>
/// An answer the simulated gateway owes the facility. It holds what the gateway decided, not the body: a link token is
/// signed when the answer is delivered, so an answer held across the app's restart is signed with the key then current.
/// </summary>
public sealed record SimulatedAnswer(LinkingCall Call, Guid AnsweredRequestId, string HipId, string? AbhaAddress, string? ErrorCode, string? ErrorMessage);

public sealed record DeliveredAnswer(SimulatedAnswer Answer, int Status, DateTimeOffset At);

/// <summary>
/// Delivers the simulated gateway's answers to the facility's endpoints over real HTTP, signed like the gateway's
/// calls, after a short delay (<c>Simulator:AnswerDelay</c>, real time: the gateway does not run on the app's clock).
/// Answers can be held back, e.g. to restart the app between a request and its answer.
/// </summary>
public sealed class SimulatedAnswers(
    IHttpClientFactory clients,
    IServer server,
    SimulatorKeys keys,
    TimeProvider clock,
    IOptions<GatewaySimulatorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SimulatedAnswers> logger)
{
    private readonly ConcurrentQueue<SimulatedAnswer> _held = new();
    private readonly ConcurrentQueue<DeliveredAnswer> _delivered = new();
    private volatile bool _holding;
    private int _inFlight;
    private volatile SignedToken? _gatewayToken;

    /// <summary>Every answer delivered, with the facility's HTTP status.</summary>
    public IReadOnlyList<DeliveredAnswer> Delivered => [.. _delivered];

    /// <summary>Answers scheduled and not yet taken in by the facility (waiting their delay or on the wire).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>From now on, answers are kept instead of delivered, until <see cref="TakeHeld"/>.</summary>
    public void Hold() => _holding = true;

    /// <summary>The answers held so far; delivery resumes for the answers after.</summary>
    public IReadOnlyList<SimulatedAnswer> TakeHeld()
    {
        _holding = false;
        var held = new List<SimulatedAnswer>();
        while (_held.TryDequeue(out var answer))
        {
            held.Add(answer);
        }

        return held;
    }

    public void Schedule(SimulatedAnswer answer)
    {
        if (_holding)
        {
            _held.Enqueue(answer);
            return;
        }

        var stopping = lifetime.ApplicationStopping;
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(options.Value.AnswerDelay, stopping);
                await DeliverAsync(answer, stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or ObjectDisposedException)
            {
                logger.LogInformation("The simulated gateway's {Call} answer to {RequestId} was not delivered: {Reason}", answer.Call, answer.AnsweredRequestId, ex.Message);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }, CancellationToken.None);
    }

    /// <returns>The facility's HTTP status.</returns>
    public async Task<int> DeliverAsync(SimulatedAnswer answer, CancellationToken cancellationToken = default)
    {
        var (path, body) = Build(answer);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString(JsonSerializerOptions.Web)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayToken());
        request.Headers.Add(GatewayRequests.RequestIdHeader, Guid.NewGuid().ToString());
        request.Headers.Add(GatewayRequests.TimestampHeader, GatewayRequests.Timestamp(clock.GetUtcNow()));
        request.Headers.Add(GatewayRequests.CmIdHeader, "sbx");
        request.Headers.Add(GatewayRequests.HipIdHeader, answer.HipId);
        var client = clients.CreateClient(SimulatedScanner.HttpClientName);
        client.BaseAddress ??= GatewayAddress.SelfAddress(server);
        using var response = await client.SendAsync(request, cancellationToken);
        _delivered.Enqueue(new DeliveredAnswer(answer, (int)response.StatusCode, clock.GetUtcNow()));
        while (_delivered.Count > SimulatedLinking.Capacity && _delivered.TryDequeue(out _))
        {
        }

        return (int)response.StatusCode;
    }

    /// <summary>The gateway's token on its calls, signed afresh every few minutes rather than for every answer.</summary>
    private string GatewayToken()
    {
        if (_gatewayToken is not { } current || DateTime.UtcNow >= current.RenewAt)
        {
            _gatewayToken = current = new SignedToken(keys.CreateGatewayToken(), DateTime.UtcNow.AddMinutes(5));
        }

        return current.Token;
    }

    private sealed record SignedToken(string Token, DateTime RenewAt);

    private (string Path, JsonObject Body) Build(SimulatedAnswer answer)
    {
        var response = new JsonObject { ["requestId"] = answer.AnsweredRequestId.ToString() };
        JsonObject? error = answer.ErrorCode is null ? null : new JsonObject { ["code"] = answer.ErrorCode, ["message"] = answer.ErrorMessage };
        return answer.Call switch
        {
            LinkingCall.GenerateToken => (LinkingApi.OnGenerateTokenPath, error is null
                ? new JsonObject
                {
                    ["abhaAddress"] = answer.AbhaAddress,
                    ["linkToken"] = keys.CreateLinkToken(answer.AbhaAddress!, answer.HipId, options.Value.LinkTokenLifetime, clock.GetUtcNow().UtcDateTime),
                    ["response"] = response,
                }
                : new JsonObject { ["abhaAddress"] = answer.AbhaAddress, ["error"] = error, ["response"] = response }),
            LinkingCall.LinkCareContext => (LinkingApi.OnCareContextPath, error is null
                ? new JsonObject { ["abhaAddress"] = answer.AbhaAddress, ["status"] = "Successfully Linked care context", ["response"] = response }
                : new JsonObject { ["abhaAddress"] = answer.AbhaAddress, ["error"] = error, ["response"] = response }),
            LinkingCall.Notify => (LinkingApi.OnNotifyPath, error is null
                ? new JsonObject { ["acknowledgement"] = new JsonObject { ["status"] = "SUCCESS" }, ["response"] = response }
                : new JsonObject { ["error"] = error, ["response"] = response }),
            _ => (LinkingApi.OnSmsNotifyPath, error is null
                ? new JsonObject { ["acknowledgement"] = new JsonObject { ["status"] = "ACKNOWLEDGED" }, ["response"] = response }
                : new JsonObject { ["acknowledgement"] = new JsonObject { ["status"] = "ERRORED" }, ["error"] = error, ["response"] = response }),
        };
    }
}
