using Microsoft.AspNetCore.Components;
using ScanShare.Core.Queueing;

namespace ScanShare.Web.Components.Shared;

/// <summary>
/// A page that shows today's facility overview and refreshes it whenever the queue engine commits a change.
/// </summary>
public abstract class LiveOverviewBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private int _version;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] private IQueueEventSource QueueEvents { get; set; } = default!;

    protected IReadOnlyList<FacilityOverview>? Overviews { get; private set; }

    /// <summary>True once the page is connected and follows queue events (rendered as <c>data-live</c>).</summary>
    protected bool IsLive => _subscription is not null;

    protected override Task OnInitializedAsync() => RefreshAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _subscription = QueueEvents.Subscribe(_ => InvokeAsync(RefreshAndRenderAsync));

            // Anything committed between the first load and the subscription would otherwise stay unseen until the next event.
            await RefreshAndRenderAsync();
        }
    }

    private async Task RefreshAndRenderAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private async Task RefreshAsync()
    {
        var version = Interlocked.Increment(ref _version);
        var overviews = await Scopes.QueryAsync<QueueBoard, IReadOnlyList<FacilityOverview>>(board => board.OverviewsAsync());
        if (version == Volatile.Read(ref _version))
        {
            Overviews = overviews;
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
