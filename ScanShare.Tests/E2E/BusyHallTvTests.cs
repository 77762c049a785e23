using System.Diagnostics;
using Microsoft.Playwright;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ScanShare.Tests.E2E;

/// <summary>The TV on a busy morning: long lines, many calls, and a browser whose speech never says it has ended.</summary>
public sealed class BusyHallTvTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string TvUrl = $"/tv/{DemoFacility.HipId}/opd-hall?key={DemoFacility.DisplayKey}";
    private static readonly string[] Counters = ["OPD-REG-1", "OPD-REG-2", "PHARMACY-2", "LAB-1"];

    [Fact]
    public async Task With40WaitingAnd30CalledTheTvShowsOnlyWholeTokens()
    {
        var counters = Counters.Select(code => browser.App.CreateDbContext().Counters.Single(c => c.Code == code)).ToList();
        for (var i = 0; i < 70; i++)
        {
            var counter = counters[i % counters.Count];
            await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(counter.QueueId, TokenSource.WalkIn)));
        }

        for (var i = 0; i < 30; i++)
        {
            var counter = counters[i % counters.Count];
            await CallNextAsync(counter.Id);
        }

        var tv = await browser.NewPageAsync(1920, 1080);
        await tv.GotoAsync(TvUrl);
        await Expect(tv.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(tv.Locator("#recent-calls .tv-recent-call").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(tv, "tv-busy-1920x1080");

        var clipped = await tv.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.tv-clip .tv-token, .tv-clip .tv-recent-call, .tv-call')].flatMap(e => {
                const box = e.getBoundingClientRect();
                const clip = (e.parentElement.closest('.tv-clip') ?? document.documentElement).getBoundingClientRect();
                const inside = box.left >= clip.left - 0.5 && box.right <= clip.right + 0.5 && box.top >= clip.top - 0.5 && box.bottom <= clip.bottom + 0.5;
                const outside = box.right <= clip.left + 0.5 || box.left >= clip.right - 0.5 || box.bottom <= clip.top + 0.5 || box.top >= clip.bottom - 0.5;
                const onScreen = box.bottom <= innerHeight && box.right <= innerWidth;
                return (inside || outside) && (outside || onScreen) ? [] : [e.textContent.trim()];
            })
            """);
        Assert.Empty(clipped);
        var shown = await tv.EvaluateAsync<int[]>("""
            () => {
                const visible = sel => [...document.querySelectorAll(sel)].filter(e => {
                    const box = e.getBoundingClientRect(), clip = e.parentElement.closest('.tv-clip').getBoundingClientRect();
                    return box.bottom <= clip.bottom + 0.5 && box.right <= clip.right + 0.5;
                }).length;
                return [visible('[data-next-queue] .tv-token'), visible('#recent-calls .tv-recent-call'), document.documentElement.scrollHeight, innerHeight];
            }
            """);
        Assert.True(shown[0] >= 9, $"Only {shown[0]} next tokens are shown whole.");
        Assert.True(shown[1] >= 6, $"Only {shown[1]} recent calls are shown whole.");
        Assert.True(shown[2] <= shown[3], "The board is taller than the screen.");
        await Expect(tv.Locator("[data-wait-queue]").First).ToContainTextAsync("waiting");
    }

    [Fact]
    public async Task OnABrowserWhoseSpeechNeverEndsThe8thCallIsStillAnnouncedWithin15Seconds()
    {
        var tv = await browser.NewPageAsync(1920, 1080);
        await tv.AddInitScriptAsync("""
            window.spoken = [];
            window.scanShareSpeechHook = (text, lang) => window.spoken.push({ text, lang, at: Date.now() });
            Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
                speak() {}, cancel() {}, getVoices() { return []; }, speaking: true, pending: false,
            } });
            """);
        await tv.GotoAsync(TvUrl);
        await Expect(tv.Locator("[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var counters = Counters.Select(code => browser.App.CreateDbContext().Counters.Single(c => c.Code == code)).ToList();
        foreach (var counter in counters.Concat(counters))
        {
            await browser.App.RunEngineAsync(e => e.IssueAsync(new IssueTokenRequest(counter.QueueId, TokenSource.WalkIn)));
        }

        string? last = null;
        var lastCalledAt = Stopwatch.StartNew();

        // The load itself, not a wait for something: a busy hall calls a token every 2.5 s, however long each check takes.
        using var cadence = new PeriodicTimer(TimeSpan.FromSeconds(2.5));
        for (var i = 0; i < 8; i++)
        {
            var counter = counters[i % counters.Count];
            last = (await CallNextAsync(counter.Id)).Label;
            lastCalledAt.Restart();
            await Expect(tv.Locator($"#now-calling [data-token='{last}']")).ToBeVisibleAsync(new() { Timeout = 2_000 });
            if (i < 7)
            {
                await cadence.WaitForNextTickAsync();
            }
        }

        await tv.WaitForFunctionAsync($"() => window.spoken.some(s => s.lang === 'en-IN' && s.text.startsWith('Token {last![0]} {int.Parse(last[2..])},'))", null, new() { Timeout = 15_000 });
        Assert.True(lastCalledAt.Elapsed < TimeSpan.FromSeconds(15), $"The 8th call took {lastCalledAt.Elapsed.TotalSeconds:F1} s to be announced.");
        var spoken = await tv.EvaluateAsync<string[]>("window.spoken.map(s => s.text)");
        Assert.Contains(spoken, s => s.Contains("Lab Counter 1", StringComparison.Ordinal));
        Console.WriteLine($"8th call ({last}) announced {lastCalledAt.Elapsed.TotalSeconds:F1} s after it was made; spoken: {string.Join(" | ", spoken)}");
    }

    /// <summary>Completes whatever the counter is serving, then calls its next token, as a clerk pressing F8 and F2 does.</summary>
    private async Task<Token> CallNextAsync(int counterId)
    {
        var current = browser.App.CreateDbContext().Tokens.FirstOrDefault(t => t.CounterId == counterId && (t.State == TokenState.Called || t.State == TokenState.Serving));
        if (current is not null)
        {
            await browser.App.RunEngineAsync(e => e.CompleteAsync(current.Id));
        }

        return (await browser.App.RunEngineAsync(e => e.CallNextAsync(counterId)))!;
    }
}
