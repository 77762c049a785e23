using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ScanShare.Core.Facilities;

namespace ScanShare.Tests.Support;

/// <summary>A call to the simulated gateway, built by hand with every header the gateway requires, or all but one.</summary>
public static class GatewayCall
{
    public static HttpRequestMessage Post(string path, object body, string? session = null, string? without = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, JsonSerializerOptions.Web))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (session is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        }

        var headers = new Dictionary<string, string>
        {
            ["REQUEST-ID"] = Guid.NewGuid().ToString(),
            ["TIMESTAMP"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["X-CM-ID"] = "sbx",
            ["X-HIP-ID"] = DemoFacility.HipId,
        };
        foreach (var (name, value) in headers.Where(h => h.Key != without))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
