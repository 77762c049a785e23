using Microsoft.AspNetCore.Http.HttpResults;
using ScanShare.Core.Linking;

namespace ScanShare.Web.Abdm;

/// <summary>
/// The gateway's answers to our linking calls: the link token, the linked care context, the notification and the
/// SMS. Each answers 202 once its body is readable; an answer to a request we never made, or one already taken in,
/// is logged and changes nothing.
/// </summary>
public static class LinkingApi
{
    public const string OnGenerateTokenPath = "/api/v3/hip/token/on-generate-token";
    public const string OnCareContextPath = "/api/v3/link/on_carecontext";
    public const string OnNotifyPath = "/api/v3/links/context/on-notify";
    public const string OnSmsNotifyPath = "/api/v3/patients/sms/on-notify";

    public static IEndpointRouteBuilder MapLinkingApi(this IEndpointRouteBuilder endpoints)
    {
        var gateway = endpoints.MapGatewayInbound();
        gateway.MapPost(OnGenerateTokenPath, OnGenerateToken);
        gateway.MapPost(OnCareContextPath, OnCareContext);
        gateway.MapPost(OnNotifyPath, OnNotify);
        gateway.MapPost(OnSmsNotifyPath, OnSmsNotify);
        return endpoints;
    }

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnGenerateToken(
        HttpRequest request, LinkingCallbacks callbacks, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, "link token", loggers, cancellationToken,
            answer => callbacks.OnLinkTokenAsync(answer.RequestId, answer.LinkToken, answer.Error, cancellationToken));

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnCareContext(
        HttpRequest request, LinkingCallbacks callbacks, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, "care-context link", loggers, cancellationToken,
            answer => callbacks.OnCareContextAsync(answer.RequestId, answer.Error, cancellationToken));

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnNotify(
        HttpRequest request, LinkingCallbacks callbacks, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, "care-context notification", loggers, cancellationToken,
            answer => callbacks.OnNotifyAsync(answer.RequestId, answer.Error, cancellationToken));

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnSmsNotify(
        HttpRequest request, LinkingCallbacks callbacks, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, "SMS notification", loggers, cancellationToken,
            answer => callbacks.OnSmsAsync(answer.RequestId,
                string.Equals(answer.AcknowledgementStatus, "ACKNOWLEDGED", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(answer.AcknowledgementStatus, "SUCCESS", StringComparison.OrdinalIgnoreCase),
                answer.Error ?? (string.Equals(answer.AcknowledgementStatus, "ERRORED", StringComparison.OrdinalIgnoreCase)
                    ? new GatewayAnswerError(null, "ERRORED")
                    : null),
                cancellationToken));

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        string answered,
        ILoggerFactory loggers,
        CancellationToken cancellationToken,
        Func<LinkingAnswer, Task<LinkCallbackOutcome>> apply)
    {
        var (body, refusal) = await GatewayInbound.ReadJsonAsync(request, cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        var (answer, errors) = LinkingAnswer.Parse(body);
        if (answer is null)
        {
            GatewayInbound.Explain(request.HttpContext, $"Invalid {answered} answer: {string.Join(", ", errors.Keys.Order(StringComparer.Ordinal))}.");
            return TypedResults.ValidationProblem(errors, title: $"The {answered} answer is not valid.");
        }

        var outcome = await apply(answer);
        var logger = loggers.CreateLogger(typeof(LinkingApi));
        switch (outcome)
        {
            case LinkCallbackOutcome.Unknown:
                // Acknowledged all the same: refusing would only make the gateway send it again.
                logger.LogWarning("Ignored the gateway's {Answered} answer to request {RequestId}: no request of ours has that id", answered, answer.RequestId);
                break;
            case LinkCallbackOutcome.Duplicate:
                logger.LogInformation("Ignored a repeat of the gateway's {Answered} answer to request {RequestId}", answered, answer.RequestId);
                break;
            default:
                logger.LogInformation("The gateway answered {Answered} request {RequestId}{Error}", answered, answer.RequestId,
                    answer.Error is null ? "" : $" with {answer.Error}");
                break;
        }

        return TypedResults.Accepted((string?)null);
    }
}
