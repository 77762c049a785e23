using Microsoft.AspNetCore.Http.Features;

namespace ScanShare.Web.Hosting;

/// <summary>
/// <c>HEAD</c> is answered wherever <c>GET</c> is (pages, QR images, exports, health): the request is routed as a
/// <c>GET</c> and its body is dropped, so monitors and link checkers see the same status and headers.
/// </summary>
public static class HeadRequests
{
    /// <summary>Goes before routing, which matches on the method.</summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(body);
                context.Request.Method = HttpMethods.Head;
            }
        });
        return app;
    }
}
