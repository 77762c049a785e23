using System.Text.Json;
using ScanShare.Tests.Support;
using ScanShare.Web.Simulator;

namespace ScanShare.Tests.Simulator;

public sealed class SimulatedSharesTests
{
    [Theory]
    [InlineData("v3", "v3-share.json")]
    [InlineData("v1.0", "v1.0-share.json")]
    [InlineData("v0.5", "v0.5-share.json")]
    public async Task EachVersionsBodyHasTheFixturesShape(string version, string fixture)
    {
        using var request = SimulatedShares.Create(version, "IN0710000123", "OPD-REG-1", new IndianPatientGenerator(new Random(3)).Next(),
            Guid.NewGuid(), "token", DateTimeOffset.UtcNow);

        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync()).RootElement;

        Assert.Equal(Paths(JsonDocument.Parse(Fixtures.Read(fixture)).RootElement), Paths(body));
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal(version == "v3", request.Headers.Contains("REQUEST-ID"));
    }

    /// <summary>Every property path in a JSON document, e.g. <c>profile.patient.address.pincode</c>.</summary>
    private static SortedSet<string> Paths(JsonElement element, string prefix = "")
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
                paths.Add(path);
                paths.UnionWith(Paths(property.Value, path));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                paths.UnionWith(Paths(item, prefix + "[]"));
            }
        }

        return paths;
    }
}
