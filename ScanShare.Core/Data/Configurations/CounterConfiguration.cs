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
        builder.HasIndex(c => new { c.FacilityId, c.Code }).IsUnique();
        builder.HasOne<Facility>().WithMany().HasForeignKey(c => c.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Queue).WithMany().HasForeignKey(c => c.QueueId).OnDelete(DeleteBehavior.Restrict);
    }
}
