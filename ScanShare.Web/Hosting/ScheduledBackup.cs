using Microsoft.Extensions.Options;
using ScanShare.Core.Data;

namespace ScanShare.Web.Hosting;

/// <summary>Takes a backup every <see cref="BackupOptions.Interval"/> into the backup folder and prunes old ones.</summary>
public sealed class ScheduledBackup(
    DatabaseLocation database,
    IOptions<BackupOptions> options,
    TimeProvider clock,
    ILogger<ScheduledBackup> logger) : BackgroundService
{
    public BackupFolder Folder { get; } = BackupFolder.For(database, options.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Counted from the newest backup in the folder, so a restart does not skip one or take one too many.
            var due = Folder.Existing() is [var newest, ..] ? newest.TakenAt + options.Value.Interval : clock.GetUtcNow();
            if (due > clock.GetUtcNow())
            {
                await Task.Delay(due - clock.GetUtcNow(), clock, stoppingToken);
            }

            try
            {
                var file = await BackUpNowAsync(stoppingToken);
                logger.LogInformation("Backed up the database to {File}", file);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The scheduled backup into {Folder} failed; trying again in ten minutes", Folder.Path);
                await Task.Delay(TimeSpan.FromMinutes(10), clock, stoppingToken);
            }
        }
    }

    /// <summary>Writes a backup named after the current time, then deletes the ones retention no longer keeps.</summary>
    public async Task<string> BackUpNowAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var file = Folder.FileFor(now);
        await DatabaseBackup.BackupAsync(database.ConnectionString, file, cancellationToken);
        foreach (var deleted in Folder.Prune(now, options.Value.KeepCount, options.Value.KeepDays))
        {
            logger.LogInformation("Deleted the old backup {File}", deleted);
        }

        return file;
    }
}
