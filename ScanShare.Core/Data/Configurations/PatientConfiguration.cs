using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;

namespace ScanShare.Core.Data.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.Property(p => p.AbhaNumber).HasMaxLength(17);
        builder.Property(p => p.AbhaAddress).HasMaxLength(100);
        builder.Property(p => p.Name).HasMaxLength(DemographicRules.NameMaxLength);
        builder.Property(p => p.Mobile).HasMaxLength(DemographicRules.MobileMaxLength);
        builder.Property(p => p.AddressLine).HasMaxLength(DemographicRules.AddressLineMaxLength);
        builder.Property(p => p.District).HasMaxLength(DemographicRules.DistrictMaxLength);
        builder.Property(p => p.State).HasMaxLength(DemographicRules.StateMaxLength);
        builder.Property(p => p.Pincode).HasMaxLength(DemographicRules.PincodeMaxLength);
        builder.Property(p => p.DemographicFlags).HasConversion(f => f.ToStorage(), s => DemographicFlags.FromStorage(s));
        builder.Property(p => p.Uhid).HasMaxLength(40);
        builder.HasIndex(p => new { p.FacilityId, p.Uhid }).IsUnique();
        builder.HasIndex(p => new { p.FacilityId, p.AbhaNumber });
        builder.HasIndex(p => new { p.FacilityId, p.AbhaAddress });

        // A returning patient without ABHA on record is looked for by mobile, then by the sound of their name.
        builder.Property(p => p.NameKey).HasMaxLength(DemographicRules.NameMaxLength).UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.HasIndex(p => new { p.FacilityId, p.Mobile });
        builder.HasIndex(p => new { p.FacilityId, p.NameKey });
        builder.HasOne<Facility>().WithMany().HasForeignKey(p => p.FacilityId).OnDelete(DeleteBehavior.Restrict);
    }
}
