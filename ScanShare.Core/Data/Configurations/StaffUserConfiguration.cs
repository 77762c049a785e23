using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;

namespace ScanShare.Core.Data.Configurations;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasOne<Counter>().WithMany().HasForeignKey(u => u.AssignedCounterId).OnDelete(DeleteBehavior.SetNull);
    }
}
