using ScanShare.Core.Data;

namespace ScanShare.Web.Hosting;

/// <summary>The database's connection string and the folder of its file, where backups go by default.</summary>
public sealed record DatabaseLocation(string ConnectionString)
{
    public string Directory => Path.GetDirectoryName(DatabaseBackup.DatabaseFile(ConnectionString)) ?? AppContext.BaseDirectory;
}

public static class BackupHosting
{
    public static WebApplicationBuilder AddScheduledBackups(this WebApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(new DatabaseLocation(connectionString));
        builder.Services.AddSingleton<ScheduledBackup>();
        if (builder.Configuration.GetValue(BackupOptions.Section + ":" + nameof(BackupOptions.Enabled), defaultValue: true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledBackup>());
        }

        return builder;
    }
}
