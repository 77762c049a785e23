using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ScanShare.Core;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;

namespace ScanShare.Web.Hosting;

public static class DatabaseHosting
{
    public const string DataProtectionApplicationName = "ScanShare";

    public static WebApplicationBuilder AddScanShareDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.ConnectionString is { Length: > 0 }
            ? options.ConnectionString
            : ScanShareDatabase.SqliteConnectionString(Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath));

        builder.Services.AddScanShareCore(connectionString);
        builder.Services.AddHostedService<DatabaseStartup>();

        // Registered after the migration above, so the key ring is first read from a database that has its table.
        // One application name on every instance lets a second server or a restored one read the same keys.
        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<ScanShareDbContext>();
        return builder;
    }

    /// <summary>Migrates the database and applies the facility configuration before the server takes requests.</summary>
    private sealed class DatabaseStartup(
        IServiceScopeFactory scopes,
        IOptions<FacilityCatalogSettings> catalog,
        ILogger<DatabaseStartup> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
            await ScanShareDatabase.MigrateAsync(db, cancellationToken);

            var facilities = catalog.Value.Facilities;
            if (facilities.Count == 0)
            {
                logger.LogWarning("No facility is configured; setting up the demo facility {HipId}", DemoFacility.HipId);
                facilities = [DemoFacility.Create()];
            }

            await scope.ServiceProvider.GetRequiredService<FacilityCatalogSync>().ApplyAsync(facilities, cancellationToken);
            logger.LogInformation("Database ready with {FacilityCount} facilities: {Facilities}",
                facilities.Count, string.Join(", ", facilities.Select(f => $"{f.Name} ({f.HipId})")));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
