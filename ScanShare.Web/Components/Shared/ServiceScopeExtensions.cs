namespace ScanShare.Web.Components.Shared;

public static class ServiceScopeExtensions
{
    /// <summary>
    /// Runs a query in a scope of its own: a Blazor circuit lives for hours and may refresh on several events at once,
    /// so it must not hold one DbContext for its lifetime.
    /// </summary>
    public static async Task<TResult> QueryAsync<TService, TResult>(
        this IServiceScopeFactory scopes, Func<TService, Task<TResult>> query)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
