using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Archive.Ingest.Retention;

/// <summary>
/// Registers the lifecycle after sealing: <see cref="LegalHolds"/>, <see cref="RetentionDue"/>, <see cref="Disposals"/>,
/// <see cref="DisposalStore"/>, <see cref="DisposalJob"/> and <see cref="HangfireDisposalScheduler"/>. The host also
/// registers an <see cref="IDisposalRegisterRenderer"/> and calls <see cref="AddRetentionRecurringJobs"/>.
/// </summary>
public static class RetentionServiceCollectionExtensions
{
    /// <summary>Cron of <see cref="DisposalJob.RunDailyAsync"/>: daily at 01:30 UTC (09:30 in Asia/Shanghai).</summary>
    public const string DailyCron = "30 1 * * *";

    /// <summary>Registers the services.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<LegalHolds>();
        services.TryAddSingleton<RetentionDue>();
        services.TryAddSingleton<DisposalStore>();
        services.TryAddSingleton<IDisposalScheduler, HangfireDisposalScheduler>();
        services.TryAddSingleton<Disposals>();
        services.TryAddTransient<DisposalJob>();
        return services;
    }

    /// <summary>Adds (or updates) the daily retention job.</summary>
    /// <param name="jobs">The host's recurring job manager.</param>
    public static void AddRetentionRecurringJobs(this IRecurringJobManager jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.AddOrUpdate<DisposalJob>(DisposalJob.RecurringJobId, job => job.RunDailyAsync(CancellationToken.None), DailyCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
