using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Builds every request we send to the gateway, sessions included, with the headers the v3 gateway expects on each:
/// <c>REQUEST-ID</c>, <c>TIMESTAMP</c> (UTC with milliseconds), <c>X-CM-ID</c>, <c>X-HIP-ID</c> where a facility is
/// concerned, our bearer session where one is given, <c>X-LINK-TOKEN</c> on calls that link a patient's records, and a
/// JSON body sent with its Content-Length.
/// </summary>
public sealed class GatewayRequests(GatewayAddress address, IOptions<AbdmGatewayOptions> options, TimeProvider clock)
{
    public const string RequestIdHeader = "REQUEST-ID";
    public const string TimestampHeader = "TIMESTAMP";
    public const string CmIdHeader = "X-CM-ID";
    public const string HipIdHeader = "X-HIP-ID";
    public const string LinkTokenHeader = "X-LINK-TOKEN";

    /// <param name="requestId">Our id for the message: the same on every attempt, so the gateway can discard repeats.</param>
    /// <param name="linkToken">The patient's link token, on the calls that link their records.</param>
    public HttpRequestMessage Post(
        string path, string jsonBody, Guid requestId, string? hipId = null, AuthenticationHeaderValue? session = null, string? linkToken = null) =>
        Create(HttpMethod.Post, new Uri(address.BaseUri, path), jsonBody, requestId, hipId, session, linkToken);

    /// <summary>
    /// A request with the gateway's headers to any ABDM service that takes our gateway session (the ABHA service
    /// too); <paramref name="jsonBody"/> null for a GET.
    /// </summary>
    public HttpRequestMessage Create(
        HttpMethod method, Uri url, string? jsonBody, Guid requestId, string? hipId, AuthenticationHeaderValue? session, string? linkToken = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (jsonBody is not null)
        {
            // A byte array, not a stream, so the body goes with a Content-Length rather than chunked.
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonBody));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Content = content;
        }

        request.Headers.Authorization = session;
        request.Headers.Add(RequestIdHeader, requestId.ToString());
        request.Headers.Add(TimestampHeader, Timestamp(clock.GetUtcNow()));
        request.Headers.Add(CmIdHeader, options.Value.CmId);
        if (hipId is not null)
        {
            request.Headers.Add(HipIdHeader, hipId);
        }

        if (linkToken is not null)
        {
            request.Headers.TryAddWithoutValidation(LinkTokenHeader, linkToken);
        }

        return request;
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
