using Microsoft.JSInterop;

namespace ScanShare.Web.Counters;

/// <summary>The desk's browser side (function keys, chime, slip printing, seen shares): the page's JavaScript module.</summary>
public sealed class DeskBrowser
{
    /// <summary>Null until the page has rendered, and again once it is gone.</summary>
    public IJSObjectReference? Module { get; set; }

    public Task ChimeAsync() => CallAsync("newShareChime");

    /// <summary>Prints in a hidden frame on this page: the desk stays where it is, no tab to close.</summary>
    public Task PrintSlipAsync(string slipUrl) => CallAsync("printSlip", slipUrl);

    private async Task CallAsync(string function, params object?[] args)
    {
        try
        {
            if (Module is not null)
            {
                await Module.InvokeVoidAsync(function, args);
            }
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException)
        {
            // A chime or a print that cannot run must never stop the desk; the slip can be printed again from its row.
        }
    }
}
