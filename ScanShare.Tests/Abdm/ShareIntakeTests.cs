using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Data;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Abdm;

/// <summary>Share intake on SQLite; <see cref="ShareIntakeOnPostgresTests"/> runs every one of these on PostgreSQL.</summary>
public class ShareIntakeTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ProfileShare Share(string counter = "OPD-REG-1", Guid? requestId = null, string name = "Sunita Devi",
        ShareProtocol protocol = ShareProtocol.V3, string hipId = "IN0710000123") =>
        new(protocol, requestId ?? Guid.NewGuid(), hipId, counter,
            new SharedPatient("91-4211-8734-5520", "sunita.devi@abdm", new PatientDemographics(name, Gender.F, 1979, 8, 14, "9876543210", null, "South Delhi", "Delhi", "110003")));

    private async Task<ShareIntakeResult> AcceptAsync(ProfileShare share)
    {
        var (engine, db) = _db.CreateEngine();
        await using (db)
        {
            return await new ShareIntake(db, engine, _db.Clock, new OutboxSignal()).AcceptAsync(share, "{}");
        }
    }

    private async Task<(int Shares, int Patients, int Tokens, int Outbox)> CountsAsync()
    {
        await using var db = _db.CreateDbContext();
        return (await db.ShareRecords.CountAsync(), await db.Patients.CountAsync(), await db.Tokens.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    private async Task<JsonElement> LastCallbackAsync()
    {
        await using var db = _db.CreateDbContext();
        var message = await db.OutboxMessages.OrderBy(o => o.Id).LastAsync();
        return JsonDocument.Parse(message.Body).RootElement;
    }

    [Fact]
    public async Task AShareCommitsThePatientTheTokenTheRecordAndTheCallbackTogether()
    {
        var share = Share();

        var result = await AcceptAsync(share);

        Assert.Equal((ShareIntakeOutcome.Accepted, "R-001"), (result.Outcome, result.TokenLabel));
        Assert.Equal((1, 1, 1, 1), await CountsAsync());
        var callback = await LastCallbackAsync();
        Assert.Equal("SUCCESS", callback.GetProperty("acknowledgement").GetProperty("status").GetString());
        Assert.Equal("R-001", callback.GetProperty("acknowledgement").GetProperty("profile").GetProperty("tokenNumber").GetString());
        Assert.Equal("1800", callback.GetProperty("acknowledgement").GetProperty("profile").GetProperty("expiry").GetString());
        Assert.Equal("OPD-REG-1", callback.GetProperty("acknowledgement").GetProperty("profile").GetProperty("context").GetString());
        Assert.Equal(share.RequestId.ToString(), callback.GetProperty("response").GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task AGroupOfSharesIsTakenInAsEachWouldBeAloneWithRecordsAndEventsNamingTheSavedRows()
    {
        var first = Share();
        var other = Share(counter: "LAB-1", name: "Ravi Kumar") with
        {
            Patient = Share(name: "Ravi Kumar").Patient with { AbhaNumber = "91-1111-2222-3333", AbhaAddress = "ravi.kumar@abdm" },
        };
        var group = new[] { first, Share(), first, other, Share(counter: "NO-SUCH-COUNTER") }.Select(s => (s, "{}")).ToList();

        var (engine, context) = _db.CreateEngine();
        IReadOnlyList<ShareIntakeResult> results;
        await using (context)
        {
            results = await new ShareIntake(context, engine, _db.Clock, new OutboxSignal()).AcceptAllAsync(group);
        }

        Assert.Equal(
            [ShareIntakeOutcome.Accepted, ShareIntakeOutcome.Reused, ShareIntakeOutcome.Duplicate, ShareIntakeOutcome.Accepted, ShareIntakeOutcome.Rejected],
            results.Select(r => r.Outcome));
        Assert.Equal(["R-001", "R-001", null, "L-001", null], results.Select(r => r.TokenLabel));
        Assert.Equal((4, 2, 2, 4), await CountsAsync());

        await using var db = _db.CreateDbContext();
        var records = await db.ShareRecords.OrderBy(r => r.Id).ToListAsync();
        var tokens = await db.Tokens.ToDictionaryAsync(t => t.Id);
        Assert.All(records.Take(3), r => Assert.Equal(tokens[r.TokenId!.Value].PatientId, r.PatientId));
        Assert.Equal(["R-001", "R-001", "L-001"], records.Take(3).Select(r => tokens[r.TokenId!.Value].Label));
        Assert.Null(records[3].TokenId);
        Assert.Equal(
            records.Select(r => r.Id).Order(),
            (await db.OutboxMessages.Select(o => o.ShareRecordId!.Value).ToListAsync()).Order());
        var issued = _db.Published.Where(e => e.Kind == QueueEventKind.Issued).ToList();
        Assert.Equal(tokens.Values.Select(t => (t.Id, t.Label)).Order(), issued.Select(e => (e.TokenId, e.Label)).Order());
    }

    [Fact]
    public async Task AReplayedRequestIdChangesNothingWhateverItsBody()
    {
        var requestId = Guid.NewGuid();
        await AcceptAsync(Share(requestId: requestId));

        var replay = await AcceptAsync(Share(counter: "LAB-1", requestId: requestId, name: "Someone Else"));

        Assert.Equal(ShareIntakeOutcome.Duplicate, replay.Outcome);
        Assert.Equal((1, 1, 1, 1), await CountsAsync());
        await using var db = _db.CreateDbContext();
        Assert.Equal("Sunita Devi", (await db.Patients.SingleAsync()).Name);
    }

    [Fact]
    public async Task ConcurrentReplaysOfOneRequestIdCommitOnce()
    {
        var requestId = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => AcceptAsync(Share(requestId: requestId)))));

        Assert.Single(results, r => r.Outcome == ShareIntakeOutcome.Accepted);
        Assert.Equal(11, results.Count(r => r.Outcome == ShareIntakeOutcome.Duplicate));
        Assert.Equal((1, 1, 1, 1), await CountsAsync());
    }

    [Fact]
    public async Task ARepeatScanWithinValidityAnswersWithTheSameTokenAndTheRemainingValidity()
    {
        await AcceptAsync(Share());
        _db.Clock.Advance(TimeSpan.FromMinutes(10));

        var repeat = await AcceptAsync(Share());

        Assert.Equal((ShareIntakeOutcome.Reused, "R-001"), (repeat.Outcome, repeat.TokenLabel));
        var profile = (await LastCallbackAsync()).GetProperty("acknowledgement").GetProperty("profile");
        Assert.Equal(("R-001", "1200"), (profile.GetProperty("tokenNumber").GetString(), profile.GetProperty("expiry").GetString()));
        Assert.Equal((2, 1, 1, 2), await CountsAsync());
    }

    [Fact]
    public async Task ARepeatScanAfterValidityGetsANewToken()
    {
        await AcceptAsync(Share());
        _db.Clock.Advance(TimeSpan.FromMinutes(31));

        var later = await AcceptAsync(Share());

        Assert.Equal((ShareIntakeOutcome.Accepted, "R-002"), (later.Outcome, later.TokenLabel));
    }

    [Fact]
    public async Task AChangedProfileUpdatesTheSamePatient()
    {
        await AcceptAsync(Share(name: "Sunita Devi"));

        await AcceptAsync(Share(counter: "LAB-1", name: "Sunita Devi Sharma"));

        await using var db = _db.CreateDbContext();
        var patient = await db.Patients.SingleAsync();
        Assert.Equal("Sunita Devi Sharma", patient.Name);
    }

    [Fact]
    public async Task AnUnknownCounterIsRecordedAndTheGatewayToldWhy()
    {
        var result = await AcceptAsync(Share(counter: "RADIOLOGY-9"));

        Assert.Equal(ShareIntakeOutcome.Rejected, result.Outcome);
        Assert.Equal((1, 0, 0, 1), await CountsAsync());
        var callback = await LastCallbackAsync();
        Assert.False(callback.TryGetProperty("acknowledgement", out _));
        Assert.Equal("1000", callback.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Counter 'RADIOLOGY-9' is not in service at this facility.", callback.GetProperty("error").GetProperty("message").GetString());
        await using var db = _db.CreateDbContext();
        Assert.Equal(ShareStatus.Rejected, (await db.ShareRecords.SingleAsync()).Status);
    }

    [Fact]
    public async Task AnUnknownHipIdWritesNothing()
    {
        var result = await AcceptAsync(Share(hipId: "IN0000000000"));

        Assert.Equal(ShareIntakeOutcome.UnknownFacility, result.Outcome);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task LegacyCallbacksCarryTheirOwnShape()
    {
        var v1 = Share(counter: "PHARMACY-2", protocol: ShareProtocol.V1);
        await AcceptAsync(v1);
        var v1Callback = await LastCallbackAsync();
        await AcceptAsync(Share(counter: "LAB-1", protocol: ShareProtocol.V05));
        var v05Callback = await LastCallbackAsync();

        Assert.Equal("P-001", v1Callback.GetProperty("acknowledgement").GetProperty("tokenNumber").GetString());
        Assert.Equal("sunita.devi@abdm", v1Callback.GetProperty("acknowledgement").GetProperty("healthId").GetString());
        Assert.Equal(v1.RequestId.ToString(), v1Callback.GetProperty("resp").GetProperty("requestId").GetString());
        Assert.False(v1Callback.TryGetProperty("error", out _));
        Assert.False(v05Callback.GetProperty("acknowledgement").TryGetProperty("tokenNumber", out _));
    }

    [Fact]
    public async Task ALegacyFailureSendsThePublishedErrorObjectAndNoAcknowledgement()
    {
        await AcceptAsync(Share(counter: "RADIOLOGY-9", protocol: ShareProtocol.V1));
        var callback = await LastCallbackAsync();

        Assert.False(callback.TryGetProperty("acknowledgement", out _));
        Assert.Equal(JsonValueKind.Number, callback.GetProperty("error").GetProperty("code").ValueKind);
        Assert.Equal(1000, callback.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.String, callback.GetProperty("timestamp").ValueKind);
    }
}

public sealed class ShareIntakeOnPostgresTests : ShareIntakeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
