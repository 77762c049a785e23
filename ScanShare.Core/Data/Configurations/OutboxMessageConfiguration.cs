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

        // The dispatcher's query: undelivered messages that are due.
        builder.HasIndex(o => new { o.DeliveredAt, o.GaveUpAt, o.NextAttemptAt });
        builder.HasIndex(o => o.ShareRecordId);
        builder.HasOne<ShareRecord>().WithMany().HasForeignKey(o => o.ShareRecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
