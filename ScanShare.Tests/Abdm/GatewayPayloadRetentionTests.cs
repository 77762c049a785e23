using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Abdm;
using ScanShare.Tests.Support;
using ScanShare.Web.Abdm;

namespace ScanShare.Tests.Abdm;

public sealed class GatewayPayloadRetentionTests(ScanShareAppFactory app) : IClassFixture<ScanShareAppFactory>
{
    private const string PatientBody = """{"acknowledgement":{"status":"SUCCESS","abhaAddress":"rekha.singh@sbx"}}""";

    [Fact]
    public async Task FinishedCallbackBodiesOlderThanTheRetentionPeriodAreClearedAndCallbacksStillBeingTriedKeepTheirs()
    {
        var now = DateTime.UtcNow;
        var deliveredLongAgo = await AddCallbackAsync(created: now.AddDays(-32), delivered: now.AddDays(-31));
        var deliveredLately = await AddCallbackAsync(created: now.AddDays(-29), delivered: now.AddDays(-29));
        var gaveUpLongAgo = await AddCallbackAsync(created: now.AddDays(-40), gaveUp: now.AddDays(-40));
        var stillTrying = await AddCallbackAsync(created: now.AddDays(-40));

        var (_, callbacks) = await app.Services.GetRequiredService<GatewayPayloadRetention>().PurgeAsync(CancellationToken.None);

        await using var db = app.CreateDbContext();
        var bodies = await db.OutboxMessages.ToDictionaryAsync(o => o.Id, o => o.Body);
        Assert.Equal(2, callbacks);
        Assert.Equal(GatewayPayloadRetention.ClearedBody, bodies[deliveredLongAgo]);
        Assert.Equal(GatewayPayloadRetention.ClearedBody, bodies[gaveUpLongAgo]);
        Assert.Equal(PatientBody, bodies[deliveredLately]);
        Assert.Equal(PatientBody, bodies[stillTrying]);
    }

    private async Task<long> AddCallbackAsync(DateTime created, DateTime? delivered = null, DateTime? gaveUp = null)
    {
        await using var db = app.CreateDbContext();
        var facility = await db.Facilities.FirstAsync();
        var message = new OutboxMessage
        {
            Flow = GatewayFlow.OnShare,
            FacilityId = facility.Id,
            HipId = facility.HipId,
            Path = "patient-share/v3/on-share",
            RequestId = Guid.NewGuid(),
            Body = PatientBody,
            CreatedAt = created,
            // Far ahead, so the running dispatcher leaves the one still being tried alone during the test.
            NextAttemptAt = DateTime.UtcNow.AddDays(1),
            DeliveredAt = delivered,
            GaveUpAt = gaveUp,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
