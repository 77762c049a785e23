using Microsoft.AspNetCore.Http.HttpResults;

namespace ScanShare.Web.Abdm;

/// <summary>Marks an endpoint the gateway calls, so that every call it refuses is logged and counted.</summary>
public sealed class GatewayInboundMetadata;

/// <summary>
/// What every endpoint the gateway calls has in common: the gateway's signed token, no antiforgery, JSON bodies only,
/// a size cap, problem details for every refusal, and a reason recorded for each refusal.
/// </summary>
public static class GatewayInbound
{
    /// <summary>A real gateway call is about 1 KB; anything near this is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly object ReasonKey = new();

    /// <summary>The group every gateway endpoint (shares and the callbacks of our own requests) is mapped in.</summary>
    public static RouteGroupBuilder MapGatewayInbound(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("")
            .RequireAuthorization(GatewayAuthentication.Policy)
            .DisableAntiforgery()
            .WithMetadata(new GatewayInboundMetadata());

    /// <summary>Reads a JSON body up to <see cref="MaxBodyBytes"/>, or says why not (415, 413).</summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Refusal)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Refuse(request.HttpContext, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be application/json, not '{Clip(request.ContentType)}'.", "The body is not application/json."));
        }

        var body = await ReadCappedAsync(request, cancellationToken);
        return body is null
            ? (null, Refuse(request.HttpContext, StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"The body is larger than {MaxBodyBytes / 1024} KB."))
            : (body, null);
    }

    /// <summary>A refusal as problem details, with its reason kept for the refusal log.</summary>
    /// <param name="reason">What the log and the supervisor see, if the detail would show the caller's data.</param>
    public static ProblemHttpResult Refuse(HttpContext context, int status, string title, string detail, string? reason = null,
        IDictionary<string, object?>? extensions = null)
    {
        Explain(context, reason ?? detail);
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>Keeps the reason of a refusal for the refusal log; never the caller's token or a patient's data.</summary>
    public static void Explain(HttpContext context, string reason) => context.Items[ReasonKey] = reason;

    public static string? ReasonOf(HttpContext context) => context.Items.TryGetValue(ReasonKey, out var reason) ? reason as string : null;

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

    private static string? Clip(string? value) => value is { Length: > 60 } ? value[..60] + "…" : value;
}
