using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class SmsLinkConfiguration : IEntityTypeConfiguration<SmsLink>
{
    public void Configure(EntityTypeBuilder<SmsLink> builder)
    {
        builder.Property(s => s.PhoneNo).HasMaxLength(20);
        builder.Property(s => s.Problem).HasMaxLength(600);
        builder.Property(s => s.RequestedBy).HasMaxLength(256);

        // One SMS per visit; the gateway's answer is matched by our request id.
        builder.HasIndex(s => s.TokenId).IsUnique();
        builder.HasIndex(s => s.RequestId).IsUnique();
        builder.HasIndex(s => new { s.FacilityId, s.AnsweredAt }, "IX_SmsLinks_Errored_AnsweredAt")
            .HasFilter("\"State\" = 'Errored'");

        builder.HasOne<Facility>().WithMany().HasForeignKey(s => s.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Token>().WithMany().HasForeignKey(s => s.TokenId).OnDelete(DeleteBehavior.Restrict);
    }
}
