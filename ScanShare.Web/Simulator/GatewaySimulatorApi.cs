using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ScanShare.Web.Simulator;

/// <summary>The simulated gateway's side of the protocol, under <c>/simulator/gateway</c>, plus <c>/simulator/scan</c>.</summary>
public static class GatewaySimulatorApi
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(20);

    public static IEndpointRouteBuilder MapGatewaySimulatorApi(this IEndpointRouteBuilder endpoints)
    {
        var gateway = endpoints.MapGroup("/simulator/gateway").DisableAntiforgery().ExcludeFromDescription();
        gateway.MapGet("/gateway/v3/certs", Certs);
        gateway.MapGet("/v0.5/certs", Certs);
        gateway.MapPost("/gateway/v3/sessions", Sessions);
        gateway.MapPost("/v0.5/sessions", Sessions);
        gateway.MapPost("/patient-share/v3/on-share", (HttpRequest r, SimulatorKeys k, SimulatorInbox i) => OnShare("v3", r, k, i));
        gateway.MapPost("/v1.0/patients/profile/on-share", (HttpRequest r, SimulatorKeys k, SimulatorInbox i) => OnShare("v1.0", r, k, i));
        gateway.MapPost("/v0.5/patients/profile/on-share", (HttpRequest r, SimulatorKeys k, SimulatorInbox i) => OnShare("v0.5", r, k, i));
        gateway.MapLinkingSimulatorApi();
        endpoints.MapPost("/simulator/scan", Scan).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    public static Ok<object> Certs(SimulatorKeys keys) => TypedResults.Ok(keys.Jwks());

    public sealed record SessionRequest(string? ClientId, string? ClientSecret, string? GrantType);

    public static async Task<IResult> Sessions(HttpRequest request, SimulatorKeys keys, IOptions<GatewaySimulatorOptions> options)
    {
        var problems = SimulatedGatewayRules.CheckCall(request, facilityCall: false);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The session request does not carry what the gateway requires.");
        }

        var body = await request.ReadFromJsonAsync<SessionRequest>();
        if (body is null || body.ClientId != options.Value.ClientId || body.ClientSecret != options.Value.ClientSecret || body.GrantType != "client_credentials")
        {
            return TypedResults.Problem("Unknown client id or secret.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return TypedResults.Ok(new SessionResponse(keys.CreateSessionToken(body.ClientId!, SessionLifetime), (int)SessionLifetime.TotalSeconds, "bearer"));
    }

    public sealed record SessionResponse(string AccessToken, int ExpiresIn, string TokenType);

    public static async Task<IResult> OnShare(string version, HttpRequest request, SimulatorKeys keys, SimulatorInbox inbox)
    {
        if (await RefuseSessionAsync(request, keys) is { } refused)
        {
            return refused;
        }

        var problems = SimulatedGatewayRules.CheckCall(request, facilityCall: version == "v3");
        var body = problems.Count == 0 ? await request.ReadFromJsonAsync<JsonElement>() : default;
        foreach (var (field, messages) in problems.Count == 0 ? SimulatedGatewayRules.CheckOnShare(version, body) : [])
        {
            problems[field] = messages;
        }

        if (problems.Count > 0)
        {
            inbox.Refused(version, problems);
            return TypedResults.ValidationProblem(problems, title: "The on-share callback does not conform to the gateway's API.");
        }

        var status = await inbox.ReceiveAsync(version, body, request.Headers);
        return status == StatusCodes.Status202Accepted
            ? TypedResults.Accepted((string?)null)
            : TypedResults.Problem("Injected gateway failure.", statusCode: status);
    }

    /// <returns>The API manager's refusal when the call carries no valid session of ours; null when it does.</returns>
    public static async Task<IResult?> RefuseSessionAsync(HttpRequest request, SimulatorKeys keys)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && await keys.IsValidSessionTokenAsync(header["Bearer ".Length..]))
        {
            return null;
        }

        // The API manager in front of the real gateway answers a revoked or unknown session like this.
        return TypedResults.Json(
            new { code = "900901", message = "Invalid Credentials", description = "A valid session token from the sessions endpoint is required." },
            statusCode: StatusCodes.Status401Unauthorized);
    }

    public sealed record ScanRequest(string? HipId, string CounterCode, string? Version, SimulatedPatient? Patient);

    public sealed record ScanResponse(Guid RequestId, int Status, string? Problem, SimulatedPatient Patient);

    public static async Task<Results<Ok<ScanResponse>, ValidationProblem>> Scan(ScanRequest request, SimulatedScanner scanner, CancellationToken cancellationToken)
    {
        if (!SimulatedShares.Versions.Contains(request.Version ?? "v3"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"Use one of {string.Join(", ", SimulatedShares.Versions)}."] });
        }

        var result = await scanner.ScanAsync(request.HipId, request.CounterCode, request.Version ?? "v3", request.Patient, cancellationToken);
        return TypedResults.Ok(new ScanResponse(result.RequestId, result.Status, result.Problem, result.Patient));
    }
}
