using MudBlazor;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;
using ScanShare.Web.Components.Pages.Counters;
using ScanShare.Web.Components.Shared;

namespace ScanShare.Web.Counters;

/// <summary>
/// One clerk's counter desk in one browser tab (a circuit scope): what it shows, what the clerk does there, and which
/// shares this clerk has already seen. The desk's panels read it and re-render when it changes. Every action goes
/// through <see cref="CounterWork"/>, which checks the clerk's facility and counter whatever this screen shows.
/// </summary>
public sealed class DeskState(IServiceScopeFactory scopes, ISnackbar snackbar, IDialogService dialogs, SlipLinks slips)
{
    private int _loadVersion;
    private int _openDialogs;
    private StaffScope? _staff;
    private long _newestShareId = -1;

    public string HipId { get; private set; } = "";
    public string CounterCode { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public CounterView? View { get; private set; }

    /// <summary>The counter exists but belongs to a facility this member of staff does not work for.</summary>
    public bool OutsideFacilities { get; private set; }
    public bool Busy { get; private set; }

    /// <summary>While a dialog is open the function keys belong to it, never to the desk behind it.</summary>
    public bool DialogOpen => _openDialogs > 0;

    public DeskBrowser Browser { get; } = new();

    public DeskShares Shares { get; } = new();

    public event Action? Changed;

    public void Open(string hipId, string counterCode, string userId, string userName)
    {
        (HipId, CounterCode, UserId, UserName) = (hipId, counterCode, userId, userName);
        _staff = null;
        Shares.Reset($"seen-shares:{userName}:{hipId}:{counterCode}");
    }

    /// <summary>Loads run on the renderer's context but can overlap across awaits; only the newest may win.</summary>
    public async Task LoadAsync()
    {
        var version = ++_loadVersion;
        var view = await scopes.QueryAsync<CounterBoard, CounterView?>(board => board.ViewAsync(HipId, CounterCode));
        // Read once per screen: every action is checked again below the page, and the screen re-checks the account periodically.
        var staff = _staff ??= await scopes.QueryAsync<StaffScopes, StaffScope>(s => s.ForUserAsync(UserId));
        if (version != _loadVersion)
        {
            return;
        }

        // The patients at a counter are shown only to staff of its facility.
        OutsideFacilities = view is not null && !staff.Sees(view.Counter.FacilityId);
        View = OutsideFacilities ? null : view;
        if (view?.Current is { } current)
        {
            await Shares.MarkSeenAsync(Browser.Module, view.IncomingShares.Where(s => s.TokenId == current.TokenId).Select(s => s.ShareId));
        }

        await CueNewSharesAsync();
        Changed?.Invoke();
    }

    /// <summary>A share newer than any this screen has shown chimes, so the clerk looks up.</summary>
    private async Task CueNewSharesAsync()
    {
        var newest = View?.IncomingShares.FirstOrDefault()?.ShareId ?? 0;
        if (_newestShareId >= 0 && newest > _newestShareId)
        {
            await Browser.ChimeAsync();
        }

        _newestShareId = Math.Max(_newestShareId, newest);
    }

    public Task OnShortcutAsync(string key)
    {
        if (View is not { } view || DialogOpen)
        {
            return Task.CompletedTask;
        }

        var current = view.Current;
        return key switch
        {
            "F2" when current is null => CallNextAsync(),
            "F4" when current is not null => RecallAsync(current.TokenId),
            "F6" when current is not null => Detached(() => RegisterAsync(current)),
            "F8" when current is not null => CompleteAsync(current.TokenId),
            "F9" when current is { State: TokenState.Called } => Detached(() => SkipAsync(current)),
            _ => Task.CompletedTask,
        };
    }

    public async Task CallNextAsync()
    {
        var (ran, called) = await WorkAsync((w, user, counter) => w.CallNextAsync(user, counter));
        if (ran && called is null)
        {
            snackbar.Add("Nobody is waiting.", Severity.Info);
        }
    }

    public Task CallAsync(long tokenId) => WorkAsync((w, user, counter) => w.CallAsync(user, counter, tokenId));

    public Task RecallAsync(long tokenId) => WorkAsync((w, user, counter) => w.RecallAsync(user, counter, tokenId));

    public Task StartServingAsync(long tokenId) => WorkAsync((w, user, counter) => w.StartServingAsync(user, counter, tokenId));

    public Task CompleteAsync(long tokenId) => WorkAsync((w, user, counter) => w.CompleteAsync(user, counter, tokenId));

    public Task SetPriorityAsync(long tokenId, PriorityLane priority) =>
        WorkAsync((w, user, counter) => w.SetPriorityAsync(user, counter, tokenId, priority));

    /// <summary>Skipping sends the token to the back of the line; only when it would close it as a no-show does the clerk confirm.</summary>
    public async Task SkipAsync(CounterToken token)
    {
        if (View!.SkipEndsToken(token))
        {
            var confirmed = await InDialogAsync(() => dialogs.ShowMessageBoxAsync(
                $"Mark {token.Label} as no-show?",
                token.RequeueCount > 0
                    ? $"{token.Label} has already been skipped {token.RequeueCount} times. Skipping again closes it as a no-show."
                    : $"This queue does not requeue skipped tokens: {token.Label} will be closed as a no-show.",
                yesText: "Mark no-show", cancelText: "Keep"));
            if (confirmed != true)
            {
                return;
            }
        }

        var (ran, skipped) = await WorkAsync((w, user, counter) => w.SkipAsync(user, counter, token.TokenId));
        if (ran && skipped is not null)
        {
            snackbar.Add(skipped.State == TokenState.Waiting
                    ? $"{token.Label} skipped: back in the waiting line, shown there on the TV."
                    : $"{token.Label} marked as no-show.",
                Severity.Info);
        }
    }

    /// <summary>The patient keeps nothing of the old number: the message names the new one and its slip is printed for them.</summary>
    public async Task TransferAsync(CounterToken token, int queueId, string queueName)
    {
        var (ran, issued) = await WorkAsync((w, user, counter) => w.TransferAsync(user, counter, token.TokenId, queueId));
        if (ran && issued is not null)
        {
            snackbar.Add($"{token.Label} is now {issued.Label} in {queueName}. Give the patient the new slip: they will be called as {issued.Label}.",
                Severity.Success, o => o.VisibleStateDuration = 10_000);
            await PrintSlipAsync(issued.Id);
        }
    }

    public async Task RegisterAsync(CounterToken token)
    {
        var parameters = new DialogParameters<RegistrationDialog>
        {
            { d => d.TokenId, token.TokenId },
            { d => d.CounterId, View!.Counter.CounterId },
            { d => d.UserId, UserId },
        };
        var result = await InDialogAsync(async () =>
        {
            var dialog = await dialogs.ShowAsync<RegistrationDialog>($"Register {token.Label}", parameters,
                new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
            return await dialog.Result;
        });
        if (result is { Canceled: false, Data: string uhid })
        {
            snackbar.Add($"{token.Label} registered, UHID {uhid}. Slip printing.", Severity.Success);
            await LoadAsync();
            await PrintSlipAsync(token.TokenId);
        }
    }

    public async Task<Token?> IssueWalkInAsync(WalkIn walkIn)
    {
        var (ran, token) = await WorkAsync((w, user, counter) => w.IssueWalkInAsync(user, counter, walkIn));
        if (ran && token is not null)
        {
            snackbar.Add($"{token.Label} issued to {walkIn.Name}. Slip printing.", Severity.Success);
            await PrintSlipAsync(token.Id);
        }

        return token;
    }

    public Task PrintSlipAsync(long tokenId) => Browser.PrintSlipAsync(slips.For(tokenId));

    public Task MarkAllSharesSeenAsync() => Shares.MarkSeenAsync(Browser.Module, View?.IncomingShares.Select(s => s.ShareId) ?? []);

    /// <summary>
    /// Runs one action as this clerk at this counter; a rule it breaks (e.g. another clerk was faster) or an action they
    /// may not take is shown, never thrown.
    /// </summary>
    private async Task<(bool Ran, T? Result)> WorkAsync<T>(Func<CounterWork, string, int, Task<T>> action)
    {
        if (Busy || View is not { } view)
        {
            return (false, default);
        }

        Busy = true;
        Changed?.Invoke();
        try
        {
            return (true, await scopes.QueryAsync<CounterWork, T>(work => action(work, UserId, view.Counter.CounterId)));
        }
        catch (Exception ex) when (ex is QueueRuleException or StaffAccessDeniedException)
        {
            snackbar.Add(ex.Message, Severity.Warning);
            return (false, default);
        }
        finally
        {
            Busy = false;
            await LoadAsync();
        }
    }

    private async Task<T> InDialogAsync<T>(Func<Task<T>> show)
    {
        _openDialogs++;
        try
        {
            return await show();
        }
        finally
        {
            _openDialogs--;
        }
    }

    /// <summary>Runs an action that may open a dialog without holding the key press until the dialog closes.</summary>
    private static Task Detached(Func<Task> action)
    {
        _ = action();
        return Task.CompletedTask;
    }
}
