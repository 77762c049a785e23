using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Support;

/// <summary>What a clerk does for linking, through the app's own services: scan, register, and read the visit's link.</summary>
public sealed class LinkingDesk(ScanShareAppFactory app)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly GatewayClient _gateway = new(app);

    public GatewayClient Gateway => _gateway;

    /// <summary>Shares the patient's profile at the counter and waits for the token; returns the token's id.</summary>
    public async Task<long> ScanAsync(SimulatedPatient patient, string counterCode = "OPD-REG-1")
    {
        var requestId = Guid.NewGuid();
        using (var response = await _gateway.ShareAsync(counterCode, patient, requestId: requestId))
        {
            response.EnsureSuccessStatusCode();
        }

        await using var db = app.CreateDbContext();
        return (await db.ShareRecords.SingleAsync(s => s.RequestId == requestId)).TokenId!.Value;
    }

    /// <summary>Registers the token's patient as the desk does (profile as shared, a department).</summary>
    public async Task<string> RegisterAsync(long tokenId, string department = "General Medicine")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registration = scope.ServiceProvider.GetRequiredService<PatientRegistration>();
        var draft = await registration.DraftAsync(tokenId) ?? throw new InvalidOperationException($"Token {tokenId} has no patient.");
        return await registration.RegisterAsync(tokenId, draft.Details with { Department = department }, draft.PatientVersion, "clerk");
    }

    public async Task<VisitLink?> VisitAsync(long tokenId)
    {
        await using var db = app.CreateDbContext();
        return await db.VisitLinks.AsNoTracking().SingleOrDefaultAsync(v => v.TokenId == tokenId);
    }

    public async Task<VisitLink> WaitForVisitAsync(long tokenId, Func<VisitLink, bool> condition, TimeSpan? timeout = null)
    {
        VisitLink? visit = null;
        var reached = await Eventually.TrueAsync(async () => (visit = await VisitAsync(tokenId)) is { } v && condition(v), timeout ?? Timeout);
        Assert.True(reached, $"The visit of token {tokenId} is {visit?.State.ToString() ?? "not there"}: {visit?.Problem}");
        return visit!;
    }

    public async Task<List<LinkToken>> LinkTokensAsync(long tokenId)
    {
        await using var db = app.CreateDbContext();
        var patientId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.PatientId).SingleAsync();
        return await db.LinkTokens.AsNoTracking().Where(l => l.PatientId == patientId).OrderBy(l => l.Id).ToListAsync();
    }

    public async Task<LinkToken> WaitForLinkTokenAsync(long tokenId, Func<LinkToken, bool> condition)
    {
        LinkToken? latest = null;
        var reached = await Eventually.TrueAsync(async () => (latest = (await LinkTokensAsync(tokenId)).LastOrDefault()) is { } l && condition(l), Timeout);
        Assert.True(reached, $"The link token of token {tokenId} is {latest?.State.ToString() ?? "not there"}: {latest?.ErrorCode}");
        return latest!;
    }

    /// <summary>The linking calls the simulated gateway received for this ABHA address.</summary>
    public IReadOnlyList<ReceivedLinkingCall> CallsFor(string abhaAddress, LinkingCall call) =>
        [.. _gateway.Linking.Received.Where(c => c.Call == call && c.Body.Contains($"\"{abhaAddress}\"", StringComparison.Ordinal))];
}
