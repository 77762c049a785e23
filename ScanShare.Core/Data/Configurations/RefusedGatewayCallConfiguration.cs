using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Abdm;

namespace ScanShare.Core.Data.Configurations;

internal sealed class RefusedGatewayCallConfiguration : IEntityTypeConfiguration<RefusedGatewayCall>
{
    public void Configure(EntityTypeBuilder<RefusedGatewayCall> builder)
    {
        builder.Property(r => r.Path).HasMaxLength(RefusedGatewayCalls.MaxPathLength);
        builder.Property(r => r.Reason).HasMaxLength(RefusedGatewayCalls.MaxReasonLength);
        builder.HasIndex(r => new { r.Hour, r.Path, r.Status, r.Reason }).IsUnique();
        builder.HasIndex(r => r.LastAt);
    }
}
