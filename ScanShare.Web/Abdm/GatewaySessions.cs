using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ScanShare.Web.Abdm;

/// <summary>Our session token for calling the gateway, fetched with the client credentials and kept until shortly before it expires.</summary>
public sealed class GatewaySessions(
    IHttpClientFactory clients,
    GatewayRequests requests,
    IOptions<AbdmGatewayOptions> options,
    TimeProvider clock)
{
    public const string Path = "gateway/v3/sessions";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset RefreshAfter)? _current;

    public async Task<AuthenticationHeaderValue> AuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetUtcNow() < current.RefreshAfter)
        {
            return new AuthenticationHeaderValue("Bearer", current.Token);
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_current is not { } cached || clock.GetUtcNow() >= cached.RefreshAfter)
            {
                _current = await CreateSessionAsync(cancellationToken);
            }

            return new AuthenticationHeaderValue("Bearer", _current.Value.Token);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The gateway refused our token: forget it so the next call starts a new session.</summary>
    public void Invalidate() => _current = null;

    private async Task<(string, DateTimeOffset)> CreateSessionAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = JsonSerializer.Serialize(
            new { clientId = settings.ClientId, clientSecret = settings.ClientSecret, grantType = "client_credentials" },
            JsonSerializerOptions.Web);
        using var request = requests.Post(Path, body, Guid.NewGuid());
        using var response = await clients.CreateClient(GatewayAuthentication.HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = GatewayError.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            throw new HttpRequestException(
                $"The gateway refused a session: {(int)response.StatusCode} {response.ReasonPhrase}{(error is null ? "" : $" ({error})")}.",
                null, response.StatusCode);
        }

        var session = await response.Content.ReadFromJsonAsync<SessionResponse>(cancellationToken)
            ?? throw new HttpRequestException("The gateway answered the session request with an empty body.");
        var lifetime = TimeSpan.FromSeconds(Math.Max(session.ExpiresIn, 60));
        return (session.AccessToken, clock.GetUtcNow() + lifetime - TimeSpan.FromSeconds(Math.Min(60, lifetime.TotalSeconds / 5)));
    }

    private sealed record SessionResponse(string AccessToken, int ExpiresIn);
}
