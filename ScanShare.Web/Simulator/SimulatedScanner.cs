using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Web.Abdm;

namespace ScanShare.Web.Simulator;

public sealed record ScanResult(Guid RequestId, int Status, string? Problem, SimulatedPatient Patient);

/// <summary>Plays the patient's scan: the simulated gateway sends a signed share to this app over real HTTP.</summary>
public sealed class SimulatedScanner(
    IHttpClientFactory clients,
    IServer server,
    SimulatorKeys keys,
    IServiceScopeFactory scopes,
    TimeProvider clock)
{
    public const string HttpClientName = "simulator-to-app";

    public async Task<ScanResult> ScanAsync(
        string? hipId, string counterCode, string version, SimulatedPatient? patient, CancellationToken cancellationToken, Guid? requestId = null)
    {
        hipId ??= await DefaultHipIdAsync(cancellationToken);
        patient ??= new IndianPatientGenerator().Next();
        var shareId = requestId ?? Guid.NewGuid();
        using var request = SimulatedShares.Create(version, hipId, counterCode, patient, shareId, keys.CreateGatewayToken(), clock.GetUtcNow());
        var client = clients.CreateClient(HttpClientName);
        client.BaseAddress ??= GatewayAddress.SelfAddress(server);
        using var response = await client.SendAsync(request, cancellationToken);
        var problem = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(cancellationToken);
        return new ScanResult(shareId, (int)response.StatusCode, problem, patient);
    }

    private async Task<string> DefaultHipIdAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
        return await db.Facilities.OrderBy(f => f.Id).Select(f => f.HipId).FirstAsync(cancellationToken);
    }
}
