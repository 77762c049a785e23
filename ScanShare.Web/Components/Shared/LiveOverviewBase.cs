using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;
using ScanShare.Web.Staff;

namespace ScanShare.Web.Components.Shared;

/// <summary>
/// A page that shows today's overview of the signed-in member of staff's facilities and refreshes it whenever the
/// queue engine commits a change, or when it may have missed some.
/// </summary>
public abstract class LiveOverviewBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private IDisposable? _resync;
    private int _version;
    private StaffScope? _staff;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] private IQueueEventSource QueueEvents { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected IReadOnlyList<FacilityOverview>? Overviews { get; private set; }

    /// <summary>True once the page is connected and follows queue events (rendered as <c>data-live</c>).</summary>
    protected bool IsLive => _subscription is not null;

    protected override Task OnInitializedAsync() => RefreshAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            var reload = new CoalescedReload(InvokeAsync, RefreshAndRenderAsync);
            _subscription = QueueEvents.Subscribe(_ => reload.Request());
            _resync = QueueEvents.SubscribeResync(reload.Request);

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
        // Read once per page, not on every queue event: which facilities someone works for changes rarely.
        var userId = (await Authentication).User.UserId();
        var staff = _staff ??= await Scopes.QueryAsync<StaffScopes, StaffScope>(s => s.ForUserAsync(userId));
        var overviews = await Scopes.QueryAsync<QueueBoard, IReadOnlyList<FacilityOverview>>(board => board.OverviewsAsync());
        if (version == Volatile.Read(ref _version))
        {
            Overviews = [.. overviews.Where(o => staff.Sees(o.FacilityId))];
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _resync?.Dispose();
        GC.SuppressFinalize(this);
    }
}
