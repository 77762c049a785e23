using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class VisitLinkConfiguration : IEntityTypeConfiguration<VisitLink>
{
    public void Configure(EntityTypeBuilder<VisitLink> builder)
    {
        builder.Property(v => v.PatientReference).HasMaxLength(64);
        builder.Property(v => v.CareContextReference).HasMaxLength(64);
        builder.Property(v => v.Display).HasMaxLength(200);
        builder.Property(v => v.HiType).HasMaxLength(40);
        builder.Property(v => v.Problem).HasMaxLength(600);
        builder.Property(v => v.NotifyProblem).HasMaxLength(600);

        // A visit is linked once, and its reference names one visit at the facility.
        builder.HasIndex(v => v.TokenId).IsUnique();
        builder.HasIndex(v => new { v.FacilityId, v.CareContextReference }).IsUnique();

        // The gateway's answers are matched by our request ids.
        builder.HasIndex(v => v.LinkRequestId).IsUnique().HasFilter("\"LinkRequestId\" IS NOT NULL");
        builder.HasIndex(v => v.NotifyRequestId).IsUnique().HasFilter("\"NotifyRequestId\" IS NOT NULL");

        // Visits still on their way: waiting for a token (by patient, for when it comes) or for the link's answer.
        builder.HasIndex(v => new { v.FacilityId, v.PatientId }, "IX_VisitLinks_AwaitingToken")
            .HasFilter("\"State\" = 'AwaitingToken'");
        builder.HasIndex(v => v.LinkRequestedAt, "IX_VisitLinks_Linking_LinkRequestedAt")
            .HasFilter("\"State\" = 'Linking'");

        // The supervisor's problems: visits not linked, notifications that failed.
        builder.HasIndex(v => new { v.FacilityId, v.UpdatedAt }, "IX_VisitLinks_Failed_UpdatedAt")
            .HasFilter("\"State\" = 'Failed'");
        builder.HasIndex(v => new { v.FacilityId, v.UpdatedAt }, "IX_VisitLinks_NotifyProblem_UpdatedAt")
            .HasFilter("\"NotifyProblem\" IS NOT NULL");

        builder.HasOne<Facility>().WithMany().HasForeignKey(v => v.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(v => v.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Token>().WithMany().HasForeignKey(v => v.TokenId).OnDelete(DeleteBehavior.Restrict);
    }
}
