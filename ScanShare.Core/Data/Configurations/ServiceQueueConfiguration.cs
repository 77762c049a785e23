using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class ServiceQueueConfiguration : IEntityTypeConfiguration<ServiceQueue>
{
    public void Configure(EntityTypeBuilder<ServiceQueue> builder)
    {
        builder.ToTable("Queues");
        builder.Property(q => q.Code).HasMaxLength(32);
        builder.Property(q => q.Name).HasMaxLength(100);
        builder.Property(q => q.Prefix).HasMaxLength(8);
        builder.HasIndex(q => new { q.FacilityId, q.Code }).IsUnique();
        builder.HasOne<Facility>().WithMany().HasForeignKey(q => q.FacilityId).OnDelete(DeleteBehavior.Restrict);
    }
}
