using System.Text.Json;

namespace ScanShare.Tests.Support;

/// <summary>Compares a JSON body with a fixture by shape: the same property paths, each with the same kind of value.</summary>
public static class JsonShape
{
    public static void AssertMatchesFixture(string fixture, string actualJson) =>
        Assert.Equal(Of(JsonDocument.Parse(Fixtures.Read(fixture)).RootElement), Of(JsonDocument.Parse(actualJson).RootElement));

    /// <summary>Every property path with the kind of its value, e.g. <c>patient[].count: Number</c>.</summary>
    public static SortedSet<string> Of(JsonElement element, string prefix = "$")
    {
        var shape = new SortedSet<string>(StringComparer.Ordinal) { $"{prefix}: {Kind(element)}" };
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                shape.UnionWith(Of(property.Value, $"{prefix}.{property.Name}"));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                shape.UnionWith(Of(item, prefix + "[]"));
            }
        }

        return shape;
    }

    /// <summary>The header names of a <c>.headers</c> fixture.</summary>
    public static IReadOnlyList<string> HeaderNames(string fixture) =>
        [.. Fixtures.Read(fixture).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => line[..line.IndexOf(':')])];

    private static string Kind(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : element.ValueKind.ToString();
}
