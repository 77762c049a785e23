using System.Text.Json;
using ScanShare.Core.Linking;

namespace ScanShare.Web.Simulator;

/// <summary>The simulated gateway's linking endpoints: each checks the call as the gateway would, answers 202, and calls back later.</summary>
public static class LinkingSimulatorApi
{
    public static RouteGroupBuilder MapLinkingSimulatorApi(this RouteGroupBuilder gateway)
    {
        gateway.MapPost($"/{LinkingMessages.GenerateTokenPath}", (HttpRequest r, SimulatorKeys k, SimulatedLinking l, TimeProvider c) =>
            ReceiveAsync(LinkingCall.GenerateToken, r, k, l, c));
        gateway.MapPost($"/{LinkingMessages.CareContextPath}", (HttpRequest r, SimulatorKeys k, SimulatedLinking l, TimeProvider c) =>
            ReceiveAsync(LinkingCall.LinkCareContext, r, k, l, c));
        gateway.MapPost($"/{LinkingMessages.NotifyPath}", (HttpRequest r, SimulatorKeys k, SimulatedLinking l, TimeProvider c) =>
            ReceiveAsync(LinkingCall.Notify, r, k, l, c));
        gateway.MapPost($"/{LinkingMessages.SmsNotifyPath}", (HttpRequest r, SimulatorKeys k, SimulatedLinking l, TimeProvider c) =>
            ReceiveAsync(LinkingCall.SmsNotify, r, k, l, c));
        return gateway;
    }

    public static async Task<IResult> ReceiveAsync(LinkingCall call, HttpRequest request, SimulatorKeys keys, SimulatedLinking linking, TimeProvider clock)
    {
        if (await GatewaySimulatorApi.RefuseSessionAsync(request, keys) is { } refused)
        {
            return refused;
        }

        var problems = SimulatedGatewayRules.CheckCall(request, facilityCall: true);
        var hipId = request.Headers["X-HIP-ID"].FirstOrDefault();
        var body = default(JsonElement);
        if (problems.Count == 0)
        {
            try
            {
                body = await request.ReadFromJsonAsync<JsonElement>();
            }
            catch (JsonException)
            {
                problems["$"] = ["The body is not valid JSON."];
            }
        }

        if (problems.Count == 0)
        {
            var checks = call switch
            {
                LinkingCall.GenerateToken => SimulatedLinkingRules.CheckGenerateToken(body),
                LinkingCall.LinkCareContext => SimulatedLinkingRules.CheckCareContext(body),
                LinkingCall.Notify => SimulatedLinkingRules.CheckNotify(body, hipId),
                _ => SimulatedLinkingRules.CheckSmsNotify(body, hipId),
            };
            foreach (var (field, messages) in checks)
            {
                problems[field] = messages;
            }
        }

        if (problems.Count == 0 && call == LinkingCall.LinkCareContext
            && await LinkTokenProblemAsync(request, body, hipId!, keys, clock) is { } tokenProblem)
        {
            problems["X-LINK-TOKEN"] = [tokenProblem];
        }

        if (problems.Count > 0)
        {
            linking.Refused(call, problems);
            return TypedResults.ValidationProblem(problems, title: "The call does not conform to the gateway's API.");
        }

        linking.Receive(call, Guid.Parse(request.Headers["REQUEST-ID"].ToString()), hipId!, body, request.Headers);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Linking needs the patient's link token, issued by this gateway to this facility for this ABHA address and unexpired.</summary>
    private static async Task<string?> LinkTokenProblemAsync(HttpRequest request, JsonElement body, string hipId, SimulatorKeys keys, TimeProvider clock)
    {
        if (request.Headers["X-LINK-TOKEN"].FirstOrDefault() is not { Length: > 0 } token)
        {
            return "The patient's link token is required.";
        }

        var holder = await keys.ReadLinkTokenAsync(token, clock.GetUtcNow().UtcDateTime);
        var abhaAddress = body.GetProperty("abhaAddress").GetString();
        return holder switch
        {
            null => "The link token is not one this gateway issued, or it has expired.",
            var (address, tokenHip) when !string.Equals(address, abhaAddress, StringComparison.OrdinalIgnoreCase) || tokenHip != hipId =>
                "The link token was issued for another ABHA address or facility.",
            _ => null,
        };
    }
}
