using Archive.Api.Hosting;
using Archive.Ingest.FourProperties;
using Archive.Integrity.Ledger;
using Archive.Integrity.Ledger.Audit;
using Archive.Integrity.Ledger.Export;
using Archive.Integrity.Ledger.Witness;
using Archive.Storage;
using Hangfire;

namespace Archive.Api.Verification;

/// <summary>
/// The custody services of CONTRACT §8 this host adds: the checkpoint witness in both stores (after the ledger's export
/// into the offline store), the ledger self-audit
/// (a recurring job and <c>./archive verify --ledger</c>) and the content checks at seal (qpdf, ffprobe, ClamAV).
/// </summary>
public static class LedgerAuditServices
{
    /// <summary>Cron of <see cref="LedgerAuditJob"/>: daily at 02:40 UTC.</summary>
    public const string LedgerAuditCron = "40 2 * * *";

    /// <summary>Registers the witness, the auditor and the content checks.</summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddLedgerAuditAndContentChecks(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LedgerExporter(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Offline)));

        // Each checkpoint first extends the ledger's export into the offline store, then is witnessed (README "Rebuilding").
        services.AddSingleton<ICheckpointWitness>(sp => new ExportingCheckpointWitness(
            new StoreCheckpointWitness(
                [
                    new(StoreNames.Online, sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Online)),
                    new(StoreNames.Offline, sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Offline)),
                ],
                sp.GetRequiredService<Archive.Integrity.Notes.NoteSigner>().Verifier.ToVerifierKey()),
            sp.GetRequiredService<LedgerExporter>(),
            sp.GetRequiredService<ILogger<ExportingCheckpointWitness>>()));
        services.AddSingleton(sp => new LedgerAuditor(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<ILedger>().VerifierKey, sp.GetRequiredService<ICheckpointWitness>(),
            sp.GetRequiredService<ILedger>().CosignerKey));
        services.AddSingleton<LedgerAuditRun>();
        services.AddTransient<LedgerAuditJob>();
        services.AddSingleton(sp => ContentCheckSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<SealTimeChecks>();
        return services;
    }

    /// <summary>Adds (or updates) the recurring ledger audit (UTC schedule).</summary>
    /// <param name="jobs">The host's recurring job manager.</param>
    public static void AddLedgerAuditRecurringJobs(this IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<LedgerAuditJob>(LedgerAuditJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), LedgerAuditCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
