namespace ScanShare.Web.Hosting;

/// <summary>
/// A request the client got wrong (a query value that is not a date or a boolean, a malformed form, a body too large)
/// is answered with its 4xx and logged as information: it is not a fault of the app, and logging it as an unhandled
/// error with a stack trace would let anyone fill the error log.
/// </summary>
public sealed class ClientMistakes(RequestDelegate next, ILogger<ClientMistakes> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException mistake) when (!context.Response.HasStarted)
        {
            logger.LogInformation("Refused {Method} {Path} with {Status}: {Reason}",
                context.Request.Method, context.Request.Path, mistake.StatusCode, mistake.Message);
            context.Response.Clear();
            context.Response.StatusCode = mistake.StatusCode;
        }
    }
}
