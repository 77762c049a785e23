using Microsoft.AspNetCore.Components;
using ScanShare.Core.Queueing;
using ScanShare.Web.Counters;

namespace ScanShare.Web.Components.Pages.Counters.Desk;

/// <summary>A part of the counter desk: reads the desk's state and re-renders whenever it changes.</summary>
public abstract class DeskPanel : ComponentBase, IDisposable
{
    [Inject] protected DeskState Desk { get; private set; } = default!;
    [Inject] protected TimeProvider Clock { get; private set; } = default!;

    protected CounterView View => Desk.View!;

    protected int Year => Clock.GetUtcNow().Year;

    protected int Minutes(DateTime since) => (int)Math.Max(0, (Clock.GetUtcNow().UtcDateTime - since).TotalMinutes);

    protected override void OnInitialized() => Desk.Changed += OnDeskChanged;

    private void OnDeskChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Desk.Changed -= OnDeskChanged;
        GC.SuppressFinalize(this);
    }
}
