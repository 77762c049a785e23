using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Staff;

namespace ScanShare.Core.Data.Configurations;

internal sealed class StaffFacilityConfiguration : IEntityTypeConfiguration<StaffFacility>
{
    public void Configure(EntityTypeBuilder<StaffFacility> builder)
    {
        builder.HasKey(f => new { f.UserId, f.FacilityId });
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Facility>().WithMany().HasForeignKey(f => f.FacilityId).OnDelete(DeleteBehavior.Cascade);
    }
}
