using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Web;

public sealed class GatewayRestartTests
{
    [Fact]
    public async Task ACallbackPendingAtShutdownIsDeliveredAfterRestart()
    {
        var first = new ScanShareAppFactory();
        var requestId = Guid.NewGuid();
        var gateway = new GatewayClient(first);
        gateway.Inbox.FailNext(int.MaxValue);
        using (var response = await gateway.ShareAsync("OPD-REG-1", requestId: requestId))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await using var restarted = first.Restarted();
        await first.DisposeAsync();

        var callback = await new GatewayClient(restarted).Inbox.WaitForAsync(requestId, TimeSpan.FromSeconds(45));

        Assert.Equal("SUCCESS", callback.Status);
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = restarted.CreateDbContext();
            return await db.OutboxMessages.CountAsync(o => o.Flow == GatewayFlow.OnShare && o.DeliveredAt != null) == 1;
        }, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TheSimulatorIsAbsentInProduction()
    {
        await using var production = new ScanShareAppFactory().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Abdm:Gateway:BaseUrl", "https://gateway.invalid/api/hiecm");
            builder.UseSetting("Abdm:Gateway:ClientId", "facility");
            builder.UseSetting("Abdm:Gateway:ClientSecret", "secret");
            builder.UseSetting("Abdm:Abha:BaseUrl", "https://abha.invalid/abha/api/v3");
        });

        using var response = await production.CreateClient().GetAsync("/simulator/gateway/gateway/v3/certs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
