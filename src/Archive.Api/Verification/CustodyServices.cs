using Archive.Api.Hosting;
using Archive.Ingest.FourProperties;
using Archive.Ingest.Sealing;
using Archive.Integrity.Custody;
using Archive.Storage;
using Hangfire;

namespace Archive.Api.Verification;

/// <summary>Registers custody: verified reads, verification runs, repair, and their recurring jobs.</summary>
public static class CustodyServices
{
    /// <summary>Cron of the scheduled runs: hourly, at minute 41.</summary>
    public const string ScheduleCron = "41 * * * *";

    /// <summary>Cron of the resume sweep: every ten minutes.</summary>
    public const string ResumeCron = "*/10 * * * *";

    /// <summary>Adds the custody services.</summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddCustody(this IServiceCollection services)
    {
        services.AddSingleton(sp => CustodySettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new CustodyStores(
            sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Online), sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Offline)));
        services.AddSingleton<ChunkDigestStore>();
        services.AddSingleton<CustodyRegistry>();
        services.AddSingleton(sp => new ReadRateLimiter(sp.GetRequiredService<CustodyOptions>().ReadRateMegabytesPerSecond));
        services.AddSingleton<ObjectVerifier>();
        services.AddSingleton<CopyRepairer>();
        services.AddSingleton<IRepairScheduler, HangfireRepairScheduler>();
        services.AddSingleton<VerifiedReader>();
        services.AddSingleton<VerificationRunStore>();
        services.AddSingleton<VerificationStarter>();
        services.AddSingleton<IVersionEnrolment, CustodyBackfill>();
        services.AddSingleton<SealCheckHistory>();
        services.AddSingleton<VerificationWorker>();
        services.AddTransient<RepairJob>();
        services.AddTransient<VerificationJob>();
        return services;
    }

    /// <summary>Adds (or updates) the scheduled run of each copy and the resume sweep (UTC).</summary>
    /// <param name="jobs">The host's recurring job manager.</param>
    public static void AddCustodyRecurringJobs(this IRecurringJobManager jobs)
    {
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        foreach (var copy in new[] { CopyNames.Online, CopyNames.Offline })
        {
            jobs.AddOrUpdate<VerificationJob>(VerificationJob.RecurringJobPrefix + copy, job => job.ScheduledAsync(copy, CancellationToken.None), ScheduleCron, options);
        }

        jobs.AddOrUpdate<VerificationJob>(VerificationJob.ResumeJobId, job => job.ResumeAsync(CancellationToken.None), ResumeCron, options);
    }
}
