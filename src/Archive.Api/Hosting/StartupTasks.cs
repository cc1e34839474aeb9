using Archive.Api.Backup;
using Archive.Api.Principals;
using Archive.Api.Verification;
using Archive.Integrity.Custody;
using Archive.Ingest.Hosting;
using Archive.Ingest.Policies;
using Archive.Ingest.Retention;
using Hangfire;
using Archive.Integrity.Database;
using Archive.Integrity.Ledger;
using Archive.Storage;

namespace Archive.Api.Hosting;

/// <summary>
/// Runs before the host serves: database migrations of every schema and the runtime role's grants, store readiness,
/// the bootstrap admin.
/// A failure stops the start with its reason rather than serving a half-ready archive.
/// </summary>
public sealed partial class StartupTasks(
    ArchiveSettings settings,
    [FromKeyedServices(StoreNames.Online)] IObjectStore online,
    [FromKeyedServices(StoreNames.Offline)] IObjectStore offline,
    BootstrapAdmin bootstrapAdmin,
    PolicyCatalog policies,
    IRecurringJobManager recurringJobs,
    BackupSettings backups,
    ILogger<StartupTasks> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        SecretFiles.SecureDataDirectory(settings.DataDirectory);
        SecretFiles.RefuseExposedAdminToken(settings.AdminTokenFile);
        // Migrations run as the owner; the runtime role is granted what it needs once every schema is in place.
        await LedgerSchema.MigrateAsync(settings.DatabaseOwner, cancellationToken);
        await IngestSchema.MigrateAsync(settings.DatabaseOwner, cancellationToken);
        await CustodySchema.MigrateAsync(settings.DatabaseOwner, cancellationToken);
        await SchemaMigrator.RunAsync(settings.DatabaseOwner, "api", typeof(StartupTasks).Assembly, "Archive.Api.Migrations.api_", cancellationToken);
        await DatabaseRoles.SecureAsync(settings, logger, cancellationToken);
        await online.EnsureReadyAsync(cancellationToken);
        await offline.EnsureReadyAsync(cancellationToken);
        await bootstrapAdmin.EnsureAsync(cancellationToken);
        if (settings.Role.RunsJobs())
        {
            // Only a process that runs jobs schedules them, so an api-only fleet never piles up recurring work.
            recurringJobs.AddIngestRecurringJobs();
            recurringJobs.AddCustodyRecurringJobs();
            recurringJobs.AddLedgerAuditRecurringJobs();
            recurringJobs.AddRetentionRecurringJobs();
            recurringJobs.AddBackupRecurringJobs(backups);
        }

        LogReady(logger, settings.Role, settings.DataDirectory, policies.Policies.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Archive ready as role {Role}; data folder {DataDirectory}, {PolicyCount} retention policies")]
    private static partial void LogReady(ILogger logger, ArchiveRole role, string dataDirectory, int policyCount);
}
