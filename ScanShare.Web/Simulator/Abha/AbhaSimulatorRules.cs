using System.Globalization;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>What the ABHA service refuses before it looks at a call: no gateway session, no REQUEST-ID or TIMESTAMP.</summary>
public static class AbhaSimulatorRules
{
    /// <returns>The refusal to answer with, or null when the call may go on.</returns>
    public static async Task<IResult?> RefuseAsync(HttpContext context)
    {
        var request = context.Request;
        var keys = context.RequestServices.GetRequiredService<SimulatorKeys>();
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !await keys.IsValidSessionTokenAsync(header["Bearer ".Length..]))
        {
            return TypedResults.Json(
                new { code = "900901", message = "Invalid Credentials", description = "Invalid JWT token. Make sure you have provided the correct security credentials" },
                statusCode: StatusCodes.Status401Unauthorized);
        }

        var fields = new List<(string, string)>();
        if (!Guid.TryParse(request.Headers["REQUEST-ID"].FirstOrDefault(), out _))
        {
            fields.Add(("REQUEST-ID", "Invalid Request Id"));
        }

        if (!DateTimeOffset.TryParseExact(request.Headers["TIMESTAMP"].FirstOrDefault(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            fields.Add(("TIMESTAMP", "Invalid Timestamp"));
        }

        if (HttpMethods.IsPost(request.Method) && (request.ContentLength is null || !request.HasJsonContentType()))
        {
            fields.Add(("body", "A JSON body with a Content-Length is required"));
        }

        return fields.Count == 0 ? null : AbhaSimulatorResponses.Fields([.. fields]);
    }

    /// <summary>The patient's token of a step, from <c>T-token</c> or <c>X-token</c> (<c>Bearer</c> before it, as the service expects).</summary>
    public static string? UserToken(HttpRequest request, string header) =>
        request.Headers[header].FirstOrDefault() is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? value["Bearer ".Length..].Trim()
            : null;
}
