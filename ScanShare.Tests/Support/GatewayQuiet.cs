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
    public static async Task WaitAsync(ScanShareAppFactory app, TimeSpan? timeout = null)
    {
        var answers = app.Services.GetService<SimulatedAnswers>();
        (int Pending, int InFlight, int Messages, int Answered)? previous = null;
        var quiet = await Eventually.TrueAsync(async () =>
        {
            await using var db = app.CreateDbContext();
            var now = (
                await db.OutboxMessages.CountAsync(o => o.DeliveredAt == null && o.GaveUpAt == null),
                answers?.InFlight ?? 0,
                await db.OutboxMessages.CountAsync(),
                answers?.Delivered.Count ?? 0);
            var settled = now.Item1 == 0 && now.Item2 == 0 && now == previous;
            previous = now;
            return settled;
        }, timeout ?? TimeSpan.FromSeconds(30));
        Assert.True(quiet, "The exchange with the gateway did not settle.");
    }
}
