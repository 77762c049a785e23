using System.Net;
using System.Text.Json;
using ScanShare.Web.Abdm;

namespace ScanShare.Web.Abha;

/// <summary>
/// Sends one call to the ABHA service with the gateway's headers and our gateway session as its Authorization
/// (a new session once if the service no longer takes ours), and turns every refusal into an <see cref="AbhaServiceException"/>.
/// Nothing is retried otherwise: a repeated OTP request would send the patient a second OTP.
/// </summary>
public sealed class AbhaServiceCaller(
    IHttpClientFactory clients,
    GatewayRequests requests,
    GatewaySessions sessions,
    AbhaServiceAddress address,
    ILogger<AbhaServiceCaller> logger)
{
    public const string HttpClientName = "abha-service";

    /// <param name="userToken">The patient's token for this step, sent as <c>T-token</c> or <c>X-token</c> with its header name.</param>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, (string Header, string Token)? userToken, CancellationToken cancellationToken)
    {
        var text = await SendForTextAsync(method, path, body, userToken, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new AbhaServiceException(AbhaServiceError.Unavailable, "The ABHA service answered with something that is not JSON.");
        }
    }

    public async Task<string> SendForTextAsync(HttpMethod method, string path, object? body, (string Header, string Token)? userToken, CancellationToken cancellationToken)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        try
        {
            var (status, text) = await AttemptAsync(method, path, json, userToken, cancellationToken);
            if (AbhaServiceErrors.IsInvalidSession(status, text))
            {
                sessions.Invalidate();
                (status, text) = await AttemptAsync(method, path, json, userToken, cancellationToken);
            }

            if ((int)status is >= 200 and < 300)
            {
                return text;
            }

            var refusal = AbhaServiceErrors.From(status, text);
            logger.LogWarning("The ABHA service refused {Method} {Path}: {Status} {Code} {Error}", method, path, (int)status, refusal.Code, refusal.Error);
            throw refusal;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The ABHA service could not be reached for {Method} {Path}", method, path);
            throw new AbhaServiceException(AbhaServiceError.Unavailable, "The ABHA service is not answering. Try again in a minute.");
        }
    }

    private async Task<(HttpStatusCode, string)> AttemptAsync(
        HttpMethod method, string path, string? json, (string Header, string Token)? userToken, CancellationToken cancellationToken)
    {
        var session = await sessions.AuthorizationAsync(cancellationToken);
        using var request = requests.Create(method, address.For(path), json, Guid.NewGuid(), hipId: null, session);
        if (userToken is var (header, token))
        {
            request.Headers.Add(header, $"Bearer {token}");
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
