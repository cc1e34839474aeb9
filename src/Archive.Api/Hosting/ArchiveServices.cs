using Archive.Api.Auth;
using Archive.Api.Backup;
using Archive.Api.Principals;
using Archive.Api.Problems;
using Archive.Api.Projects;
using Archive.Api.Retention;
using Archive.Api.Transfer;
using Archive.Api.Statistics;
using Archive.Api.Verification;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Hosting;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using Archive.Ingest.Retention;
using Archive.Ingest.Submissions;
using Archive.Ingest.Transfer;
using Archive.Integrity.Ledger;
using Archive.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Npgsql;

namespace Archive.Api.Hosting;

/// <summary>Composition of the archive's services; <c>Program.cs</c> only calls this.</summary>
public static class ArchiveServices
{
    /// <summary>Registers everything the host runs: database, stores, ledger, principals, auth, jobs.</summary>
    public static WebApplicationBuilder AddArchive(this WebApplicationBuilder builder)
    {
        // Settings are read when the container is built, so that test hosts can supply them as configuration.
        var services = builder.Services;
        services.AddSingleton(sp => ArchiveSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IClock>(NodaTime.SystemClock.Instance);

        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<ArchiveSettings>().Database).UseNodaTime().Build());
        services.AddKeyedSingleton(StoreNames.Online, (sp, _) => ObjectStoreFactory.Create(sp.GetRequiredService<ArchiveSettings>().OnlineStore));
        services.AddKeyedSingleton(StoreNames.Offline, (sp, _) => ObjectStoreFactory.Create(sp.GetRequiredService<ArchiveSettings>().OfflineStore));

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ArchiveSettings>();
            SecretFiles.SecureDataDirectory(settings.DataDirectory);
            SecretFiles.RefuseExposedSigningKey(settings.LedgerKeyFile);
            return LedgerSigningKey.LoadOrCreate(settings.LedgerSigningKey, settings.LedgerKeyFile, settings.LedgerOrigin);
        });
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ArchiveSettings>();
            SecretFiles.RefuseExposedSigningKey(settings.LedgerSm2KeyFile);
            return LedgerSigningKey.LoadOrCreateSm2(settings.LedgerSm2SigningKey, settings.LedgerSm2KeyFile, settings.LedgerOrigin);
        });
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ArchiveSettings>();
            return new LedgerOptions { Origin = settings.LedgerOrigin, CheckpointInterval = settings.CheckpointInterval };
        });
        services.AddSingleton<PostgresLedger>();
        services.AddSingleton<ILedger>(sp => sp.GetRequiredService<PostgresLedger>());
        services.AddSingleton(sp => new IngestStores(
            sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Online), sp.GetRequiredKeyedService<IObjectStore>(StoreNames.Offline)));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ArchiveSettings>();
            return new IngestOptions
            {
                PoliciesDirectory = settings.PoliciesDirectory,
                MaxItemBytes = settings.MaxItemBytes,
                StagingMaxAge = TimeSpan.FromDays(settings.StagingMaxAgeDays),
            };
        });
        services.AddSingleton(sp => PolicyCatalog.Load(sp.GetRequiredService<IngestOptions>().PoliciesDirectory));
        services.AddSingleton(sp => new MetadataValidator(sp.GetRequiredService<PolicyCatalog>(), sp.GetRequiredService<IClock>()));
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<SubmissionService>();
        services.AddIngestSealing();
        services.AddSingleton(sp => TokenSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<PrincipalStore>();
        services.AddSingleton<BootstrapAdmin>();
        services.AddProjectReading();
        services.AddAccess();
        services.AddCustody();
        services.AddLedgerAuditAndContentChecks();
        services.AddRetention();
        services.AddSingleton(sp => ArchivalCodeSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ArchivalCodes>();
        services.AddSingleton<VersionAccessStatuses>();
        services.AddSingleton<IDisposalRegisterRenderer, DisposalRegisterPdf>();
        services.AddSingleton<ITransferDocumentRenderer, TransferDocumentsPdf>();
        services.AddSingleton<Transfers>();
        services.AddStatistics();
        services.AddDatabaseBackups();

        // Order matters: start-up tasks (migrations, stores, bootstrap admin) run before the checkpoint loop.
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<CheckpointLoop>();

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddArchivePolicies();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = GenericProblems.Fill);
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.WriteIndented = false);

        // The storage is this host's own singleton, never Hangfire's process-wide JobStorage.Current,
        // so that hosts sharing a process (tests, the import command beside a server) never cross queues.
        // A job whose process was killed stays "fetched" until its invisibility timeout passes; the sliding timeout
        // (a heartbeat while it runs) lets that timeout be short without ever starting a long seal twice.
        services.AddSingleton<JobStorage>(sp =>
        {
            var settings = sp.GetRequiredService<ArchiveSettings>();
            // The owner installs or upgrades Hangfire's schema; the runtime role only uses it (granted by StartupTasks,
            // which runs before the Hangfire server starts).
            using (var owner = new NpgsqlConnection(settings.DatabaseOwner))
            {
                owner.Open();
                PostgreSqlObjectsInstaller.Install(owner, "hangfire");
            }

            var options = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = false,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = settings.JobInvisibilityTimeout,
                QueuePollInterval = settings.JobPollInterval,
                DistributedLockTimeout = settings.JobLockTimeout,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.Database, options), options);
        });
        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HangfireLogBridge(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // A host of the api role enqueues jobs but runs none: the server is registered, then gated by the role.
        var beforeServer = services.Count;
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            // Jobs are built from this host's container, never from whichever host last set Hangfire's global activator.
            o.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            // This server's own filters beside the global ones: every execution is logged with its process (JobExecutionLog),
            // and retries wait at most the configured time (after AutomaticRetry, hence the high order).
            var settings = sp.GetRequiredService<ArchiveSettings>();
            var own = new JobFilterCollection { ActivatorUtilities.CreateInstance<JobExecutionLog>(sp) };
            if (settings.JobRetryMaxDelay is { } cap)
            {
                own.Add(new JobRetryDelayCap(cap), order: 1000);
            }

            // Delayed jobs (retries) are moved to the queue as often as idle workers poll it (15 s, Hangfire's own default).
            o.SchedulePollingInterval = settings.JobPollInterval;
            o.FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, own);
        });
        ArchiveRoles.GateJobServer(services, beforeServer);
        return builder;
    }
}
