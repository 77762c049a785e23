using System.Net;
using ScanShare.Core.Abdm;

namespace ScanShare.Web.Abdm;

/// <summary>Sends one outbox message to the gateway under our session, starting a new session once if the gateway refuses ours.</summary>
public sealed class GatewayCaller(IHttpClientFactory clients, GatewayRequests requests, GatewaySessions sessions)
{
    /// <returns>Null when the gateway accepted the message; otherwise what it (or the network) said.</returns>
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var (status, reason, error) = await PostAsync(message, cancellationToken);
            if (status == HttpStatusCode.Unauthorized || error?.IsInvalidSession == true)
            {
                // Our session may have been revoked before its expiry: start a new one and try once more.
                sessions.Invalidate();
                (status, reason, error) = await PostAsync(message, cancellationToken);
            }

            return (int)status is >= 200 and < 300
                ? null
                : $"The gateway answered {(int)status} {reason}{(error is null ? "" : $": {error}")}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private async Task<(HttpStatusCode Status, string? Reason, GatewayError? Error)> PostAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var session = await sessions.AuthorizationAsync(cancellationToken);
        using var request = requests.Post(message.Path, message.Body, message.RequestId, message.HipId, session, message.LinkToken);
        using var response = await clients.CreateClient(GatewayAuthentication.HttpClientName).SendAsync(request, cancellationToken);
        var error = response.IsSuccessStatusCode ? null : GatewayError.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (response.StatusCode, response.ReasonPhrase, error);
    }
}
