using System.Text.Json;
using System.Text.Json.Serialization;
using ScanShare.Core.Queueing;

namespace ScanShare.Web.Live;

/// <summary>
/// One message from one app instance to the others: a committed queue event, the tokens whose visit link changed, or
/// word that the others may have missed its messages.
/// </summary>
public sealed record LiveUpdate(string From, QueueEvent? QueueEvent = null, long[]? VisitLinks = null, bool Resync = false)
{
    // Kinds and states by name, so instances of two releases still understand each other during an upgrade.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">Not a live update.</exception>
    public static LiveUpdate FromJson(string json) =>
        JsonSerializer.Deserialize<LiveUpdate>(json, Json) is { From: not null } update ? update : throw new JsonException("Not a live update.");

    public override string ToString() =>
        QueueEvent is { } e ? $"{e.Kind} of {e.Label}" : VisitLinks is { } ids ? $"link change of token {string.Join(", ", ids)}" : "resync";
}
