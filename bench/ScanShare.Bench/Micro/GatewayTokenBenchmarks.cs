using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Micro;

/// <summary>
/// Checking the gateway's RS256 token, with validation parameters made once and made anew for every call (as the
/// simulator does for each callback).
/// </summary>
public class GatewayTokenBenchmarks
{
    private readonly SimulatorKeys _keys = new();
    private readonly JsonWebTokenHandler _handler = new();
    private string _token = "";
    private TokenValidationParameters _parameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        _token = _keys.CreateGatewayToken();
        _parameters = Parameters();
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> ValidateWithSharedParameters() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> ValidateWithNewParameters() => (await _handler.ValidateTokenAsync(_token, Parameters())).IsValid;

    private TokenValidationParameters Parameters() => new()
    {
        IssuerSigningKey = _keys.SigningKey,
        ValidIssuer = SimulatorKeys.Issuer,
        ValidAudience = "account",
        ClockSkew = TimeSpan.FromSeconds(5),
    };

    [GlobalCleanup]
    public void Cleanup() => _keys.Dispose();
}
