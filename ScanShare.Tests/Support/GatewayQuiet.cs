using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Support;

/// <summary>
/// For asserting that nothing more happens: waits until every call to the gateway is delivered (or given up) and every
/// answer of the simulated gateway has been taken in, and the whole exchange has stayed so for two looks in a row.
/// </summary>
public static class GatewayQuiet
{
    /// <summary>
    /// On a clock the test moves by hand, a call that met a passing network fault waits for a retry that would never come
    /// due: the clock is moved on to it, a second or two, as real time would.
    /// </summary>
    private static async Task LetARetryComeDueAsync(ScanShareAppFactory app, ScanShare.Core.Data.ScanShareDbContext db)
    {
        if (app.Clock is not { } clock)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var retry = await db.OutboxMessages
            .Where(o => o.DeliveredAt == null && o.GaveUpAt == null && o.Attempts > 0 && o.NextAttemptAt > now)
            .OrderBy(o => o.NextAttemptAt)
            .Select(o => (DateTime?)o.NextAttemptAt)
            .FirstOrDefaultAsync();
        if (retry is { } due && due - now <= TimeSpan.FromSeconds(5))
        {
            clock.Advance(due - now);
            app.Services.GetRequiredService<ScanShare.Core.Abdm.OutboxSignal>().Notify();
        }
    }

    public static async Task WaitAsync(ScanShareAppFactory app, TimeSpan? timeout = null)
    {
        var answers = app.Services.GetService<SimulatedAnswers>();
        (int Pending, int InFlight, int Messages, int Answered)? previous = null;
        var quiet = await Eventually.TrueAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            await LetARetryComeDueAsync(app, db);
            var now = (
                await db.OutboxMessages.CountAsync(o => o.DeliveredAt == null && o.GaveUpAt == null),
                answers?.InFlight ?? 0,
                await db.OutboxMessages.CountAsync(),
                answers?.Delivered.Count ?? 0);
            var settled = now.Item1 == 0 && now.Item2 == 0 && now == previous;
            previous = now;
            return settled;
        }, timeout ?? TimeSpan.FromSeconds(30));
        if (!quiet)
        {
            await using var db = app.CreateDbContext();
            var pending = await db.OutboxMessages.Where(o => o.DeliveredAt == null && o.GaveUpAt == null)
                .Select(o => $"{o.Flow} due {o.NextAttemptAt:O} after {o.Attempts} attempts: {o.LastError}")
                .ToListAsync();
            Assert.Fail($"The exchange with the gateway did not settle: {answers?.InFlight ?? 0} answers in flight; pending: " +
                $"{string.Join("; ", pending)} (the app's clock says {app.Services.GetRequiredService<TimeProvider>().GetUtcNow():O}).");
        }
    }
}
