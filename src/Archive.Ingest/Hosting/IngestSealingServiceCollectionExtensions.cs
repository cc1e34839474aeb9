using Archive.Ingest.FullText;
using Archive.Ingest.Handover;
using Archive.Ingest.Sealing;
using Archive.Ingest.Staging;
using Archive.Ingest.Submissions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Archive.Ingest.Hosting;

/// <summary>
/// Registers sealing (<see cref="SealingJob"/>, <see cref="HangfireSealingScheduler"/> as <see cref="ISealingScheduler"/>),
/// the full-text extraction after each seal (<see cref="FullTextJob"/>), the recurring <see cref="SealingRecoveryJob"/>,
/// <see cref="StagingCleanupJob"/>, <see cref="OverdueMonitorJob"/> and full-text backfill, with the
/// handover services (<see cref="GapSeals"/>, <see cref="StagingDecisions"/>, <see cref="HandoverReports"/>).
/// </summary>
/// <remarks>
/// The host must register: <c>NpgsqlDataSource</c> (with <c>UseNodaTime()</c>), <c>NodaTime.IClock</c>,
/// <see cref="IngestStores"/>, <see cref="Policies.PolicyCatalog"/>, <see cref="IngestOptions"/>,
/// <c>Archive.Integrity.Ledger.ILedger</c> (with its checkpoint loop running in some process),
/// <c>Archive.Integrity.Custody.VerifiedReader</c> (the full-text job reads through it), logging, and Hangfire
/// (<c>AddHangfire</c>, which provides <see cref="IBackgroundJobClient"/> and <see cref="IRecurringJobManager"/>);
/// run <see cref="IngestSchema.MigrateAsync"/> at start-up and call <see cref="AddIngestRecurringJobs"/> once the
/// host is built.
/// </remarks>
public static class IngestSealingServiceCollectionExtensions
{
    /// <summary>Cron of <see cref="SealingRecoveryJob"/>: every five minutes.</summary>
    public const string RecoveryCron = "*/5 * * * *";

    /// <summary>Cron of <see cref="StagingCleanupJob"/>: hourly, at minute 17.</summary>
    public const string CleanupCron = "17 * * * *";

    /// <summary>Cron of <see cref="OverdueMonitorJob"/>: daily at 01:30 UTC (09:30 in Asia/Shanghai).</summary>
    public const string OverdueCron = "30 1 * * *";

    /// <summary>Cron of the full-text extraction (<see cref="FullTextJob.BackfillAsync"/>): every minute (one query when nothing is pending).</summary>
    public const string FullTextBackfillCron = "* * * * *";

    /// <summary>Registers the sealing services.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddIngestSealing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ISealingScheduler, HangfireSealingScheduler>();
        services.TryAddTransient<SealingJob>();
        services.TryAddTransient<SealingRecoveryJob>();
        services.TryAddTransient<ParkedSeals>();
        services.TryAddTransient<StagingCleanupJob>();
        services.TryAddTransient<FullTextJob>();
        // Handover monitoring (issue 11 §1): overdue projects, reminders, seals with gaps, staging decisions.
        services.TryAddSingleton<IReminderNotifier, NoReminderNotifier>();
        services.TryAddTransient<OverdueMonitorJob>();
        services.TryAddTransient<HandoverReports>();
        services.TryAddTransient<GapSeals>();
        services.TryAddTransient<StagingDecisions>();
        return services;
    }

    /// <summary>Adds (or updates) the recurring ingest jobs: sealing recovery, staging cleanup, overdue monitoring and full-text backfill (UTC schedules).</summary>
    /// <param name="jobs">The host's recurring job manager.</param>
    public static void AddIngestRecurringJobs(this IRecurringJobManager jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<SealingRecoveryJob>(SealingRecoveryJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), RecoveryCron, options);
        jobs.AddOrUpdate<StagingCleanupJob>(StagingCleanupJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), CleanupCron, options);
        jobs.AddOrUpdate<OverdueMonitorJob>(OverdueMonitorJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), OverdueCron, options);
        jobs.AddOrUpdate<FullTextJob>(FullTextJob.RecurringJobId, job => job.BackfillAsync(CancellationToken.None), FullTextBackfillCron, options);
    }
}
