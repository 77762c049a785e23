using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ScanShare.Web.Staff;

/// <summary>
/// Limits sign-in attempts per client address (after the known proxies' <c>X-Forwarded-For</c>), so nobody can try
/// passwords fast or lock every account by failing on purpose. Only posted sign-ins count; showing the form does not.
/// </summary>
public static class SignInThrottle
{
    public const string Policy = "sign-in";

    public const string Refusal = "Too many sign-in attempts from this computer. Wait a minute, then try again.";

    public static WebApplicationBuilder AddSignInThrottle(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var attempts = context.RequestServices.GetRequiredService<IOptions<StaffOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "60";
                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInThrottle))
                    .LogWarning("Refused a sign-in from {Address}: more than the allowed attempts this minute", rejected.HttpContext.Connection.RemoteIpAddress);
                await response.WriteAsync(Refusal, cancellationToken);
            };
        });
        return builder;
    }
}
