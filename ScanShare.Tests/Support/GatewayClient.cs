using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScanShare.Core.Facilities;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Support;

/// <summary>Plays the ABDM gateway against the app under test, signing with the built-in simulator's key.</summary>
public sealed class GatewayClient(ScanShareAppFactory app)
{
    private readonly HttpClient _http = app.CreateClient();

    public SimulatorKeys Keys => app.Services.GetRequiredService<SimulatorKeys>();

    public SimulatorInbox Inbox => app.Services.GetRequiredService<SimulatorInbox>();

    /// <summary>The simulated gateway's linking side: the calls it received, the ABHA apps, failure injection.</summary>
    public SimulatedLinking Linking => app.Services.GetRequiredService<SimulatedLinking>();

    /// <summary>The simulated gateway's answers to linking calls, delivered or held.</summary>
    public SimulatedAnswers Answers => app.Services.GetRequiredService<SimulatedAnswers>();

    public static SimulatedPatient Patient(int seed = 1) => new IndianPatientGenerator(new Random(seed)).Next();

    public Task<HttpResponseMessage> ShareAsync(
        string counterCode, SimulatedPatient? patient = null, string version = "v3", Guid? requestId = null, string? token = null) =>
        _http.SendAsync(SimulatedShares.Create(version, DemoFacility.HipId, counterCode, patient ?? Patient(),
            requestId ?? Guid.NewGuid(), token ?? Keys.CreateGatewayToken(), DateTimeOffset.UtcNow));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Rows that any share would write, to prove a refused one wrote none.</summary>
    public async Task<(int Shares, int Patients, int Tokens, int Outbox)> RowCountsAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.ShareRecords.CountAsync(), await db.Patients.CountAsync(), await db.Tokens.CountAsync(), await db.OutboxMessages.CountAsync());
    }
}
