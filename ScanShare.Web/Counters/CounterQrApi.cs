using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScanShare.Web.Staff;

namespace ScanShare.Web.Counters;

/// <summary>Each counter's QR code as an image: <c>/qr/{hipId}/{counterCode}.svg</c> or <c>.png</c>.</summary>
public static class CounterQrApi
{
    public static WebApplicationBuilder AddCounterQr(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QrOptions>()
            .BindConfiguration(QrOptions.Section)
            .Validate(o => Uri.TryCreate(o.ShareProfileBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "Abdm:Qr:ShareProfileBaseUrl must be an absolute http(s) URL such as https://phr.abdm.gov.in/share-profile.")
            .ValidateOnStart();
        builder.Services.AddScoped<CounterQrCodes>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCounterQr(this IEndpointRouteBuilder endpoints)
    {
        var qr = endpoints.MapGroup("/qr/{hipId}")
            .RequireAuthorization(StaffPolicies.AnyStaff)
            .RequireFacility((staff, facilityId) => staff.Sees(facilityId));
        qr.MapGet("/{counterCode}.svg", Svg);
        qr.MapGet("/{counterCode}.png", Png);
        return endpoints;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Svg(
        string hipId, string counterCode, bool? download, CounterQrCodes codes, CancellationToken cancellationToken) =>
        await ImageAsync(hipId, counterCode, download, codes, "svg", "image/svg+xml",
            link => System.Text.Encoding.UTF8.GetBytes(CounterQrCodes.Svg(link)), cancellationToken);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Png(
        string hipId, string counterCode, bool? download, CounterQrCodes codes, CancellationToken cancellationToken) =>
        await ImageAsync(hipId, counterCode, download, codes, "png", "image/png", CounterQrCodes.Png, cancellationToken);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ImageAsync(
        string hipId, string counterCode, bool? download, CounterQrCodes codes, string extension, string contentType,
        Func<string, byte[]> render, CancellationToken cancellationToken)
    {
        if (await codes.FindAsync(hipId, counterCode, cancellationToken) is not { } target)
        {
            return TypedResults.Problem($"Facility '{hipId}' has no counter '{counterCode}' in service.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown counter");
        }

        return TypedResults.File(render(target.ShareLink), contentType,
            fileDownloadName: download == true ? $"qr-{target.CounterCode}.{extension}" : null);
    }
}
