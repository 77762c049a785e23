using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class TokenNumberSequenceConfiguration : IEntityTypeConfiguration<TokenNumberSequence>
{
    public void Configure(EntityTypeBuilder<TokenNumberSequence> builder)
    {
        builder.HasKey(s => new { s.QueueId, s.ServiceDate });
        builder.HasOne<ServiceQueue>().WithMany().HasForeignKey(s => s.QueueId).OnDelete(DeleteBehavior.Restrict);
    }
}
