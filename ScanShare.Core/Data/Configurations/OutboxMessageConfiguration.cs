using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Abdm;

namespace ScanShare.Core.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(o => o.Path).HasMaxLength(100);
        builder.Property(o => o.HipId).HasMaxLength(64);
        builder.Property(o => o.LastError).HasMaxLength(1000);
        builder.Property(o => o.LinkToken).HasMaxLength(4000);

        // Partial indexes hold only the messages not yet delivered (usually a handful), not every callback ever sent.
        // The dispatcher's query: pending messages that are due.
        builder.HasIndex(o => o.NextAttemptAt, "IX_OutboxMessages_Pending_NextAttemptAt")
            .HasFilter("\"DeliveredAt\" IS NULL AND \"GaveUpAt\" IS NULL");

        // The supervisor's problem list: undelivered messages, retrying or given up, newest first.
        builder.HasIndex(o => o.CreatedAt, "IX_OutboxMessages_Undelivered_CreatedAt")
            .HasFilter("\"DeliveredAt\" IS NULL");
        builder.HasIndex(o => o.ShareRecordId);
        builder.HasOne(o => o.ShareRecord).WithMany().HasForeignKey(o => o.ShareRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
