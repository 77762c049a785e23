using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ScanShare.Core.Abdm;

namespace ScanShare.Web.Abdm;

/// <summary>The gateway's profile-share calls, in all three protocol generations; each answers 202 or a precise 4xx.</summary>
public static class ShareApi
{
    /// <summary>A real share is about 1 KB; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapShareApi(this IEndpointRouteBuilder endpoints)
    {
        // Routing already accepts a trailing slash on these paths.
        var gateway = endpoints.MapGroup("").RequireAuthorization(GatewayAuthentication.Policy).DisableAntiforgery();
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
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem($"The body must be application/json, not '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        var body = await ReadCappedAsync(request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"The body is larger than {MaxBodyBytes / 1024} KB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
        }

        var parsed = parse(body);
        if (parsed.Share is not { } share)
        {
            return TypedResults.ValidationProblem(parsed.Errors, title: "The profile share is not valid.");
        }

        var result = await intake.AcceptAsync(share, Encoding.UTF8.GetString(body), cancellationToken);
        if (result.Outcome == ShareIntakeOutcome.UnknownFacility)
        {
            var field = share.Protocol == ShareProtocol.V3 ? "metaData.hipId" : "X-HIP-ID";
            return TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status404NotFound, title: "Unknown HIP id",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [result.Reason!] } });
        }

        // Accepted, reused, rejected (the callback tells the gateway) and replayed shares all get the same 202.
        return TypedResults.Accepted((string?)null);
    }

    /// <returns>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</returns>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static int CurrentYear(TimeProvider clock) => clock.GetUtcNow().Year;
}
