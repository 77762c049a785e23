using Microsoft.JSInterop;

namespace ScanShare.Web.Counters;

/// <summary>
/// Which of today's shares this clerk has already looked at: a share is "new" until the clerk calls its token, clicks it
/// or marks all as seen. Kept in the browser per clerk and counter, so a reload does not make everything new again.
/// </summary>
public sealed class DeskShares
{
    private readonly HashSet<long> _seen = [];
    private string _storageKey = "";

    public bool Loaded { get; private set; }

    public void Reset(string storageKey)
    {
        _storageKey = storageKey;
        _seen.Clear();
        Loaded = false;
    }

    public bool IsSeen(long shareId) => _seen.Contains(shareId);

    public async Task LoadAsync(IJSObjectReference browser)
    {
        var stored = await browser.InvokeAsync<long[]?>("loadSeen", _storageKey);
        _seen.UnionWith(stored ?? []);
        Loaded = true;
    }

    public async Task MarkSeenAsync(IJSObjectReference? browser, IEnumerable<long> shareIds)
    {
        var added = shareIds.Count(_seen.Add);
        if (added > 0 && browser is not null)
        {
            try
            {
                await browser.InvokeVoidAsync("saveSeen", _storageKey, _seen.Order().TakeLast(2000).ToArray());
            }
            catch (Exception ex) when (ex is JSException or JSDisconnectedException)
            {
                // Only the highlight is lost; the shares themselves are in the database.
            }
        }
    }
}
