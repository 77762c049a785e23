using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Abdm;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Linking;

/// <summary>A share asks for the patient's link token in its own transaction, once per patient, also when shares are taken in as a group.</summary>
public sealed class ShareLinkTokenTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AGroupOfSharesAsksOncePerPatientAndRepeatScansAskNothingMore()
    {
        var sunita = Share("sunita.devi@abdm", "91-4211-8734-5520");
        var ravi = Share("ravi.kumar@abdm", "91-1111-2222-3333", "Ravi Kumar");

        await AcceptAllAsync(sunita, sunita with { RequestId = Guid.NewGuid() }, ravi, Share("meena.iyer@abdm", null, "Meena Iyer", counter: "NO-SUCH-COUNTER"));
        await AcceptAllAsync(sunita with { RequestId = Guid.NewGuid(), CounterCode = "LAB-1" });

        await using var db = _db.CreateDbContext();
        var requests = await db.LinkTokens.OrderBy(l => l.Id).ToListAsync();
        Assert.Equal(["sunita.devi@abdm", "ravi.kumar@abdm"], requests.Select(l => l.AbhaAddress));
        Assert.All(requests, l => Assert.Equal(LinkTokenState.Requested, l.State));
        var messages = await db.OutboxMessages.Where(o => o.Flow == GatewayFlow.LinkToken).OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(requests.Select(r => r.RequestId), messages.Select(m => m.RequestId));
        Assert.All(messages, m => Assert.Equal(("v3/token/generate-token", "IN0710000123", (string?)null), (m.Path, m.HipId, m.LinkToken)));
        var body = JsonDocument.Parse(messages[0].Body).RootElement;
        Assert.Equal(("91421187345520", 1979), (body.GetProperty("abhaNumber").GetString(), body.GetProperty("yearOfBirth").GetInt32()));
    }

    [Fact]
    public async Task APatientWithAValidTokenIsNotAskedForAnotherUntilItExpires()
    {
        var sunita = Share("sunita.devi@abdm", "91-4211-8734-5520");
        await AcceptAllAsync(sunita);
        await using (var db = _db.CreateDbContext())
        {
            var request = await db.LinkTokens.SingleAsync();
            new AbhaLinkTokens(db, Options.Create(new LinkingOptions()), _db.Clock).Issue(request, "opaque", _db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        _db.Clock.Advance(TimeSpan.FromHours(20));
        await AcceptAllAsync(sunita with { RequestId = Guid.NewGuid() });

        await using var check = _db.CreateDbContext();
        Assert.Equal(1, await check.LinkTokens.CountAsync());
        _db.Clock.Advance(TimeSpan.FromHours(4));
        await AcceptAllAsync(sunita with { RequestId = Guid.NewGuid() });
        Assert.Equal(2, await check.LinkTokens.CountAsync());
    }

    private async Task AcceptAllAsync(params ProfileShare[] shares)
    {
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            var linkTokens = new AbhaLinkTokens(db, Options.Create(new LinkingOptions()), _db.Clock);
            await new ShareIntake(db, engine, _db.Clock, new OutboxSignal(), linkTokens).AcceptAllAsync([.. shares.Select(s => (s, "{}"))]);
        }
    }

    private static ProfileShare Share(string address, string? number, string name = "Sunita Devi", string counter = "OPD-REG-1") =>
        new(ShareProtocol.V3, Guid.NewGuid(), "IN0710000123", counter,
            new SharedPatient(number, address, new PatientDemographics(name, Gender.F, 1979, 8, 14, "9876543210", null, "South Delhi", "Delhi", "110003")));
}
