using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Queueing;

namespace ScanShare.Core.Data.Configurations;

internal sealed class TokenConfiguration : IEntityTypeConfiguration<Token>
{
    public void Configure(EntityTypeBuilder<Token> builder)
    {
        builder.Property(t => t.Label).HasMaxLength(16);
        builder.Property(t => t.Department).HasMaxLength(100);
        builder.Property(t => t.RegisteredBy).HasMaxLength(256);
        builder.Ignore(t => t.IsActive);

        // The database, not the code, guarantees a number is never handed out twice.
        builder.HasIndex(t => new { t.QueueId, t.ServiceDate, t.Number }).IsUnique();

        // Call-next and the live queue: today's waiting tokens of one queue in call order.
        builder.HasIndex(t => new { t.QueueId, t.ServiceDate, t.State, t.QueuedAt });

        // A counter's current token.
        builder.HasIndex(t => new { t.CounterId, t.State });

        // Re-issue within validity: the patient's token in this queue today.
        builder.HasIndex(t => new { t.PatientId, t.QueueId, t.ServiceDate });

        // Daily counts per facility.
        builder.HasIndex(t => new { t.FacilityId, t.ServiceDate });

        builder.HasOne<Facility>().WithMany().HasForeignKey(t => t.FacilityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Queue).WithMany().HasForeignKey(t => t.QueueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Patient).WithMany().HasForeignKey(t => t.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Counter>().WithMany().HasForeignKey(t => t.CounterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Counter>().WithMany().HasForeignKey(t => t.IssuedAtCounterId).OnDelete(DeleteBehavior.Restrict);
    }
}
