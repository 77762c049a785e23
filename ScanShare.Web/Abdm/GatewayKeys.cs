namespace ScanShare.Web.Abdm;

/// <summary>
/// Whether the gateway's signing keys could be fetched. Token validation treats keys it could not fetch like a
/// signature that does not match; this lets a refusal say that the fault is ours, with the URL and the reason.
/// </summary>
public sealed class GatewayKeys(GatewayAddress address, TimeProvider clock, ILogger<GatewayKeys> logger)
{
    private (DateTimeOffset At, string Error)? _lastFailure;
    private DateTimeOffset? _lastSuccess;

    /// <summary>Why the keys could not be fetched, while the latest fetch failed; null once one succeeds.</summary>
    public string? FetchFailure => _lastFailure is { } failure && (_lastSuccess is null || _lastSuccess < failure.At)
        ? $"The gateway's signing keys could not be fetched from {address.JwksUri} ({failure.Error}), so no gateway token can be verified."
        : null;

    public void Fetched() => _lastSuccess = clock.GetUtcNow();

    public void FetchFailed(Exception error)
    {
        _lastFailure = (clock.GetUtcNow(), error.Message);
        logger.LogError("Could not fetch the gateway's signing keys from {JwksUrl}: {Error}", address.JwksUri, error.Message);
    }
}
