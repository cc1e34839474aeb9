using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Api.Problems;
using Archive.Integrity.Ledger;
using Archive.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using NodaTime;
using Npgsql;

namespace Archive.Api.Hosting;

/// <summary>Composition of the archive's services; <c>Program.cs</c> only calls this.</summary>
public static class ArchiveServices
{
    /// <summary>Registers everything the host runs: database, stores, ledger, principals, auth, jobs.</summary>
    public static WebApplicationBuilder AddArchive(this WebApplicationBuilder builder)
    {
        var settings = ArchiveSettings.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<IClock>(SystemClock.Instance);

        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(settings.Database).UseNodaTime().Build());
        services.AddKeyedSingleton(StoreNames.Online, (_, _) => ObjectStoreFactory.Create(settings.OnlineStore));
        services.AddKeyedSingleton(StoreNames.Offline, (_, _) => ObjectStoreFactory.Create(settings.OfflineStore));

        services.AddSingleton(_ => LedgerSigningKey.LoadOrCreate(settings.LedgerSigningKey, settings.LedgerKeyFile, settings.LedgerOrigin));
        services.AddSingleton(new LedgerOptions { Origin = settings.LedgerOrigin, CheckpointInterval = settings.CheckpointInterval });
        services.AddSingleton<Integrity.Ledger.Ledger>();
        services.AddSingleton<PrincipalStore>();
        services.AddSingleton<BootstrapAdmin>();

        // Order matters: start-up tasks (migrations, stores, bootstrap admin) run before the checkpoint loop.
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<CheckpointSigningService>();

        services.AddAuthentication(BearerTokenHandler.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.Scheme, null);
        services.AddAuthorizationBuilder().AddArchivePolicies();
        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.WriteIndented = false);

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(settings.Database),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }));
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return builder;
    }
}
