using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScanShare.Core.Patients;

/// <summary>The facts about a patient besides their identity; each can be flagged for the clerk to check.</summary>
public enum DemographicField
{
    Gender,
    YearOfBirth,
    MonthOfBirth,
    DayOfBirth,
    Mobile,
    AddressLine,
    District,
    State,
    Pincode,
}

/// <summary>A value that came in a form we could not take as it is, with what was received (null: nothing was).</summary>
public sealed record DemographicFlag(DemographicField Field, string? Received)
{
    public const int MaxReceivedLength = 60;

    [JsonIgnore]
    public string Message => Received is null
        ? $"{Label(Field)} was not shared"
        : $"{Label(Field)} needs checking: received '{Received}'";

    public static DemographicFlag Of(DemographicField field, string? received) =>
        new(field, received is { Length: > MaxReceivedLength } ? received[..MaxReceivedLength] + "…" : received);

    public static string Label(DemographicField field) => field switch
    {
        DemographicField.YearOfBirth => "Year of birth",
        DemographicField.MonthOfBirth => "Month of birth",
        DemographicField.DayOfBirth => "Day of birth",
        DemographicField.AddressLine => "Address",
        DemographicField.Pincode => "PIN code",
        _ => field.ToString(),
    };
}

/// <summary>The flags a patient's values carry, at most one per field; immutable, compared by value.</summary>
public sealed class DemographicFlags : IEquatable<DemographicFlags>
{
    private static readonly JsonSerializerOptions StorageOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },

        // Stored, never put into a page as is: names of places in any script stay readable in the database.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly DemographicFlag[] _flags;

    private DemographicFlags(DemographicFlag[] flags) => _flags = flags;

    public static DemographicFlags None { get; } = new([]);

    public IReadOnlyList<DemographicFlag> All => _flags;

    public bool IsEmpty => _flags.Length == 0;

    public DemographicFlag? For(DemographicField field) => Array.Find(_flags, f => f.Field == field);

    /// <summary>These flags with <paramref name="flag"/> in place of any flag of its field.</summary>
    public DemographicFlags With(DemographicFlag? flag) =>
        flag is null ? this : new([.. _flags.Where(f => f.Field != flag.Field).Append(flag).OrderBy(f => f.Field)]);

    /// <summary>The stored form: empty when there are none, else a JSON array.</summary>
    public string ToStorage() => IsEmpty ? "" : JsonSerializer.Serialize(_flags, StorageOptions);

    public static DemographicFlags FromStorage(string? stored) =>
        string.IsNullOrEmpty(stored) ? None : new([.. JsonSerializer.Deserialize<DemographicFlag[]>(stored, StorageOptions)!.OrderBy(f => f.Field)]);

    public bool Equals(DemographicFlags? other) => other is not null && _flags.SequenceEqual(other._flags);

    public override bool Equals(object? obj) => Equals(obj as DemographicFlags);

    public override int GetHashCode() => _flags.Aggregate(0, (hash, flag) => HashCode.Combine(hash, flag));

    public override string ToString() => string.Join("; ", _flags.Select(f => f.Message));
}
