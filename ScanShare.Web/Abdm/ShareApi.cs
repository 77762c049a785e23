using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ScanShare.Core.Abdm;

namespace ScanShare.Web.Abdm;

/// <summary>The gateway's profile-share calls, in all three protocol generations; each answers 202 or a precise 4xx.</summary>
public static class ShareApi
{
    public static IEndpointRouteBuilder MapShareApi(this IEndpointRouteBuilder endpoints)
    {
        // Routing already accepts a trailing slash on these paths.
        var gateway = endpoints.MapGatewayInbound();
        gateway.MapPost("/api/v3/hip/patient/share", ShareV3);
        gateway.MapPost("/v1.0/patients/profile/share", ShareV1);
        gateway.MapPost("/v0.5/patients/profile/share", ShareV05);
        return endpoints;
    }

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ShareV3(
        HttpRequest request, ShareIntakeQueue intake, TimeProvider clock, CancellationToken cancellationToken) =>
        HandleAsync(request, intake, cancellationToken, body => ShareParser.ParseV3(
            body, request.Headers["REQUEST-ID"].FirstOrDefault(), request.Headers["X-HIP-ID"].FirstOrDefault(), CurrentYear(clock)));

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ShareV1(
        HttpRequest request, ShareIntakeQueue intake, TimeProvider clock, CancellationToken cancellationToken) =>
        HandleAsync(request, intake, cancellationToken, body => ShareParser.ParseLegacy(
            ShareProtocol.V1, body, request.Headers["X-HIP-ID"].FirstOrDefault(), CurrentYear(clock)));

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ShareV05(
        HttpRequest request, ShareIntakeQueue intake, TimeProvider clock, CancellationToken cancellationToken) =>
        HandleAsync(request, intake, cancellationToken, body => ShareParser.ParseLegacy(
            ShareProtocol.V05, body, request.Headers["X-HIP-ID"].FirstOrDefault(), CurrentYear(clock)));

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        ShareIntakeQueue intake,
        CancellationToken cancellationToken,
        Func<byte[], ShareParseResult> parse)
    {
        var (body, refusal) = await GatewayInbound.ReadJsonAsync(request, cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        var parsed = parse(body);
        if (parsed.Share is not { } share)
        {
            // The messages may quote the patient's data; the log names only the fields.
            GatewayInbound.Explain(request.HttpContext, $"Invalid share: {string.Join(", ", parsed.Errors.Keys.Order(StringComparer.Ordinal))}.");
            return TypedResults.ValidationProblem(parsed.Errors, title: "The profile share is not valid.");
        }

        var result = await intake.AcceptAsync(share, Encoding.UTF8.GetString(body), cancellationToken);
        if (result.Outcome == ShareIntakeOutcome.UnknownFacility)
        {
            var field = share.Protocol == ShareProtocol.V3 ? "metaData.hipId" : "X-HIP-ID";
            return GatewayInbound.Refuse(request.HttpContext, StatusCodes.Status404NotFound, "Unknown HIP id", result.Reason!,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [result.Reason!] } });
        }

        // Accepted, reused, rejected (the callback tells the gateway) and replayed shares all get the same 202.
        return TypedResults.Accepted((string?)null);
    }

    private static int CurrentYear(TimeProvider clock) => clock.GetUtcNow().Year;
}
