using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScanShare.Core;

namespace ScanShare.Tests.Support;

/// <summary>A bunit context with MudBlazor's services and loose JavaScript interop.</summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    static ComponentTest()
    {
        // The components load over a real SQLite file; on a busy two-core machine that can take longer than bunit's
        // default second. Waits still end as soon as what they wait for is true.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected ComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously.
    public new virtual async Task DisposeAsync() => await base.DisposeAsync();
}

/// <summary>A component test over the real queue engine and a real SQLite file with the demo facility.</summary>
public abstract class EngineComponentTest : ComponentTest
{
    protected TestDatabase Db { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        Services.AddSingleton<TimeProvider>(Db.Clock);
        Services.AddScanShareCore(Db.Connection);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
    }

    protected async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
