using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Abdm;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class ShareRecordConfiguration : IEntityTypeConfiguration<ShareRecord>
{
    public void Configure(EntityTypeBuilder<ShareRecord> builder)
    {
        builder.Property(s => s.CounterCode).HasMaxLength(64);
        builder.Property(s => s.RejectionReason).HasMaxLength(500);

        // The database guarantees one share per gateway request id, even under concurrent retries.
        builder.HasIndex(s => s.RequestId).IsUnique();
        builder.HasIndex(s => new { s.FacilityId, s.ReceivedAt });

        builder.HasOne<Facility>().WithMany().HasForeignKey(s => s.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Counter>().WithMany().HasForeignKey(s => s.CounterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Token>().WithMany().HasForeignKey(s => s.TokenId).OnDelete(DeleteBehavior.Restrict);
    }
}
