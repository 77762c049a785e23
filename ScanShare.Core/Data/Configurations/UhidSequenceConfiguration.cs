using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Data.Configurations;

internal sealed class UhidSequenceConfiguration : IEntityTypeConfiguration<UhidSequence>
{
    public void Configure(EntityTypeBuilder<UhidSequence> builder)
    {
        builder.HasKey(s => s.FacilityId);
        builder.Property(s => s.FacilityId).ValueGeneratedNever();
        builder.HasOne<Facility>().WithMany().HasForeignKey(s => s.FacilityId).OnDelete(DeleteBehavior.Restrict);
    }
}
