using Archive.Api.Hosting;
using Archive.Storage;
using Hangfire;

namespace Archive.Api.Backup;

/// <summary>The database backup's services and its two recurring jobs (README "Database backups and point-in-time restore").</summary>
public static class BackupServices
{
    /// <summary>Registers the settings, the WAL shipper, the base backup and the job.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddDatabaseBackups(this IServiceCollection services)
    {
        services.AddSingleton(sp => BackupSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new WalShipper(sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Offline)));
        services.AddSingleton(sp => new BaseBackupTaker(sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Offline), sp.GetRequiredService<NodaTime.IClock>()));
        services.AddTransient<DatabaseBackupJob>();
        return services;
    }

    /// <summary>
    /// Schedules WAL shipping when a spool is configured and the base backup when a backup connection is, each on its
    /// cron (UTC); removes a schedule whose setting is gone.
    /// </summary>
    /// <param name="jobs">The host's recurring job manager.</param>
    /// <param name="settings">The backup settings.</param>
    public static void AddBackupRecurringJobs(this IRecurringJobManager jobs, BackupSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        if (settings.Spool is not null)
        {
            jobs.AddOrUpdate<DatabaseBackupJob>(DatabaseBackupJob.WalJobId, job => job.ShipWalAsync(CancellationToken.None), settings.WalCron, options);
        }
        else
        {
            jobs.RemoveIfExists(DatabaseBackupJob.WalJobId);
        }

        if (settings.Database is not null)
        {
            jobs.AddOrUpdate<DatabaseBackupJob>(DatabaseBackupJob.BaseJobId, job => job.TakeBaseBackupAsync(CancellationToken.None), settings.BaseCron, options);
        }
        else
        {
            jobs.RemoveIfExists(DatabaseBackupJob.BaseJobId);
        }
    }
}
