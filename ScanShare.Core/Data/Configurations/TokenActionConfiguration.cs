using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class TokenActionConfiguration : IEntityTypeConfiguration<TokenAction>
{
    public void Configure(EntityTypeBuilder<TokenAction> builder)
    {
        builder.Property(a => a.StaffUserId).HasMaxLength(450);
        builder.Property(a => a.StaffName).HasMaxLength(200);
        builder.HasIndex(a => a.TokenId);

        // The supervisor's per-clerk figures: one facility's actions in a day.
        builder.HasIndex(a => new { a.FacilityId, a.At });
        builder.HasOne<Token>().WithMany().HasForeignKey(a => a.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}
