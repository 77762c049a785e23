using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Data.Configurations;

internal sealed class LinkTokenConfiguration : IEntityTypeConfiguration<LinkToken>
{
    public void Configure(EntityTypeBuilder<LinkToken> builder)
    {
        builder.Property(l => l.AbhaAddress).HasMaxLength(100);
        builder.Property(l => l.Token).HasMaxLength(4000);
        builder.Property(l => l.ErrorCode).HasMaxLength(32);
        builder.Property(l => l.ErrorMessage).HasMaxLength(500);

        // The gateway's answer is matched by our request id.
        builder.HasIndex(l => l.RequestId).IsUnique();

        // A patient's latest request at a facility (the row id orders them).
        builder.HasIndex(l => new { l.FacilityId, l.PatientId });

        // Never two open requests for one patient at one facility, whatever races the app may run.
        builder.HasIndex(l => new { l.FacilityId, l.PatientId }, "IX_LinkTokens_OneOpenRequest")
            .IsUnique()
            .HasFilter("\"State\" = 'Requested'");

        // The supervisor's problems: refused and unanswered requests, newest first.
        builder.HasIndex(l => new { l.FacilityId, l.AnsweredAt }, "IX_LinkTokens_Refused_AnsweredAt")
            .HasFilter("\"State\" IN ('Refused', 'Unanswered')");

        builder.HasOne<Facility>().WithMany().HasForeignKey(l => l.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}
