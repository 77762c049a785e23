using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;

namespace ScanShare.Core.Data.Configurations;

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> builder)
    {
        builder.Property(f => f.HipId).HasMaxLength(64);
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.TimeZoneId).HasMaxLength(64);
        builder.Property(f => f.UhidFormat).HasMaxLength(40);
        builder.PrimitiveCollection(f => f.Departments);
        builder.HasIndex(f => f.HipId).IsUnique();
    }
}
