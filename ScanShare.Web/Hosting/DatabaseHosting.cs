using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
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
        var database = Connection(builder.Configuration, builder.Environment);
        builder.Services.AddScanShareCore(database);
        builder.Services.AddHostedService<DatabaseStartup>();

        // Registered after the migration above, so the key ring is first read from a database that has its table.
        // One application name on every instance lets a second server or a restored one read the same keys.
        builder.Services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<ScanShareDbContext>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // A database server is backed up by its own tools (pg_dump, base backups), not by the app.
            builder.AddScheduledBackups(database.ConnectionString);
        }

        return builder;
    }

    /// <summary>
    /// The database from <c>Database:Provider</c>: on PostgreSQL the connection string <c>ConnectionStrings:ScanShare</c>
    /// (required); on SQLite <c>Database:ConnectionString</c>, or the file in <c>Database:DataDirectory</c>.
    /// </summary>
    public static DatabaseConnection Connection(IConfiguration configuration, IHostEnvironment environment)
    {
        DatabaseOptions options;
        try
        {
            options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"Database:Provider must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (options.Provider == DatabaseProvider.PostgreSQL)
        {
            return configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) is { Length: > 0 } postgres
                ? DatabaseConnection.Postgres(postgres)
                : throw new InvalidOperationException(
                    $"Database:Provider is PostgreSQL, so ConnectionStrings:{DatabaseOptions.ConnectionStringName} must name the server, e.g. " +
                    "\"Host=db.example;Database=scanshare;Username=scanshare;Password=…\".");
        }

        return DatabaseConnection.Sqlite(options.ConnectionString is { Length: > 0 }
            ? options.ConnectionString
            : ScanShareDatabase.SqliteConnectionString(Path.GetFullPath(options.DataDirectory, environment.ContentRootPath)));
    }

    /// <summary>
    /// Migrates the database and applies the facility configuration before the server takes requests; holds the
    /// database's lock file while the app runs, so a restore cannot replace the file underneath it.
    /// </summary>
    private sealed class DatabaseStartup(
        IServiceScopeFactory scopes,
        IOptions<FacilityCatalogSettings> catalog,
        ILogger<DatabaseStartup> logger) : IHostedService, IDisposable
    {
        private DatabaseFileLock? _running;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ScanShareDbContext>();
            if (db.Database.IsSqlite() && DatabaseBackup.DatabaseFile(db.Database.GetConnectionString()!) is { } file)
            {
                _running = DatabaseFileLock.TryShared(file)
                    ?? throw new InvalidOperationException($"A restore of {file} is in progress; start ScanShare again once it has finished.");
            }

            await using var setup = await SetupLock.TakeAsync(db, cancellationToken);
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

        public void Dispose() => _running?.Dispose();
    }
}
