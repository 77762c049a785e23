using BenchmarkDotNet.Attributes;
using ScanShare.Bench.Hosting;
using ScanShare.Core.Abdm;
using ScanShare.Web.Simulator;

namespace ScanShare.Bench.Micro;

/// <summary>A realistic v3 share body into a <see cref="ProfileShare"/>.</summary>
public class ShareParsingBenchmarks
{
    private byte[] _body = [];
    private string _requestId = "";

    [GlobalSetup]
    public void Setup()
    {
        var patient = new IndianPatientGenerator(new Random(7)).Next();
        var requestId = Guid.NewGuid();
        using var request = SimulatedShares.Create("v3", BenchFacility.HipId, "OPD-REG-1", patient, requestId, "token", DateTimeOffset.UtcNow);
        _body = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        _requestId = requestId.ToString();
    }

    [Benchmark]
    public ProfileShare? ParseV3() => ShareParser.ParseV3(_body, _requestId, BenchFacility.HipId, 2026).Share;
}
