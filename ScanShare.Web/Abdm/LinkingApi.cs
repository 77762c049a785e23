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
        HttpRequest request, LinkingAnswerQueue answers, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, LinkingAnswerKind.LinkToken, "link token", answers, loggers, cancellationToken);

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnCareContext(
        HttpRequest request, LinkingAnswerQueue answers, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, LinkingAnswerKind.CareContext, "care-context link", answers, loggers, cancellationToken);

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnNotify(
        HttpRequest request, LinkingAnswerQueue answers, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, LinkingAnswerKind.Notify, "care-context notification", answers, loggers, cancellationToken);

    public static Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> OnSmsNotify(
        HttpRequest request, LinkingAnswerQueue answers, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        HandleAsync(request, LinkingAnswerKind.Sms, "SMS notification", answers, loggers, cancellationToken);

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest request,
        LinkingAnswerKind kind,
        string answered,
        LinkingAnswerQueue answers,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await GatewayInbound.ReadJsonAsync(request, cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        var (answer, errors) = LinkingAnswerReader.Read(kind, body);
        if (answer is null)
        {
            GatewayInbound.Explain(request.HttpContext, $"Invalid {answered} answer: {string.Join(", ", errors.Keys.Order(StringComparer.Ordinal))}.");
            return TypedResults.ValidationProblem(errors, title: $"The {answered} answer is not valid.");
        }

        var outcome = await answers.ApplyAsync(answer, cancellationToken);
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
