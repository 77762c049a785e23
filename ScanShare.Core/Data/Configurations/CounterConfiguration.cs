using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.SpokenNames)
            .HasConversion(
                names => ToJson(names),
                json => FromJson(json),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    names => names.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    names => new Dictionary<string, string>(names)))
            .HasMaxLength(1000);
        builder.HasIndex(c => new { c.FacilityId, c.Code }).IsUnique();
        builder.HasOne<Facility>().WithMany().HasForeignKey(c => c.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Queue).WithMany().HasForeignKey(c => c.QueueId).OnDelete(DeleteBehavior.Restrict);
    }

    private static string ToJson(Dictionary<string, string> names) => JsonSerializer.Serialize(names);

    // Rows from before spoken names existed hold an empty string.
    private static Dictionary<string, string> FromJson(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
