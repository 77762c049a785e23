using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abdm;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;

namespace ScanShare.Core.Data;

/// <remarks>
/// Add a migration from the repository root with
/// <c>dotnet ef migrations add NameOfChange --project ScanShare.Core --output-dir Data/Migrations</c> for SQLite, and
/// the same change for PostgreSQL in ScanShare.Data.Postgres (see its design-time factory): every model change has both.
/// </remarks>
public sealed class ScanShareDbContext(DbContextOptions<ScanShareDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<ServiceQueue> Queues => Set<ServiceQueue>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<TokenNumberSequence> TokenNumberSequences => Set<TokenNumberSequence>();
    public DbSet<ShareRecord> ShareRecords => Set<ShareRecord>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<RefusedGatewayCall> RefusedGatewayCalls => Set<RefusedGatewayCall>();
    public DbSet<UhidSequence> UhidSequences => Set<UhidSequence>();
    public DbSet<StaffFacility> StaffFacilities => Set<StaffFacility>();
    public DbSet<TokenAction> TokenActions => Set<TokenAction>();
    public DbSet<LinkToken> LinkTokens => Set<LinkToken>();
    public DbSet<VisitLink> VisitLinks => Set<VisitLink>();
    public DbSet<SmsLink> SmsLinks => Set<SmsLink>();

    /// <summary>
    /// The keys that sign sign-in cookies and antiforgery tokens travel with the data, so a restored or second server
    /// keeps everyone signed in.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Staff accounts (ASP.NET Core Identity) live in the same database as the queues they work.
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScanShareDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Readable enum values in the database, and every instant stored and read back as UTC.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
