using Archive.Api.Hosting;
using Archive.Integrity.Ledger;
using Archive.Integrity.Ledger.Export;
using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Notes;
using Archive.Storage;
using Npgsql;

namespace Archive.Api.Cli;

/// <summary>
/// What the ledger commands (<c>verify --ledger</c>, <c>ledger rotate-key</c>) need, built from the same
/// <c>ARCHIVE_*</c> settings as <c>serve</c> but without the host, so they run even when the host refuses to start.
/// </summary>
internal sealed class LedgerCommandHost : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;

    private LedgerCommandHost(
        IConfiguration configuration, ArchiveSettings settings, ILoggerFactory loggers, NpgsqlDataSource dataSource, NoteSigner signer, Sm2NoteSigner cosigner)
    {
        Configuration = configuration;
        Settings = settings;
        _loggers = loggers;
        DataSource = dataSource;
        var offline = ObjectStoreFactory.Create(settings.OfflineStore);
        Witness = new StoreCheckpointWitness(
            [new(StoreNames.Online, ObjectStoreFactory.Create(settings.OnlineStore)), new(StoreNames.Offline, offline)],
            signer.Verifier.ToVerifierKey());

        // A checkpoint signed here (a key rotation's hand-over) extends the ledger's export first, as the host's do.
        var exporting = new ExportingCheckpointWitness(Witness, new LedgerExporter(dataSource, offline), loggers.CreateLogger<ExportingCheckpointWitness>());
        Ledger = new PostgresLedger(dataSource, NodaTime.SystemClock.Instance, signer,
            new LedgerOptions { Origin = settings.LedgerOrigin, CheckpointInterval = settings.CheckpointInterval },
            loggers.CreateLogger<PostgresLedger>(), exporting, cosigner);
    }

    public ArchiveSettings Settings { get; }

    /// <summary>The configuration the settings were read from (other settings, e.g. the 档号 pattern).</summary>
    public IConfiguration Configuration { get; }

    public ILoggerFactory Loggers => _loggers;

    public NpgsqlDataSource DataSource { get; }

    public StoreCheckpointWitness Witness { get; }

    public PostgresLedger Ledger { get; }

    /// <summary>Reads the settings (with test overrides), migrates the ledger schema and loads the signing keys.</summary>
    public static async Task<LedgerCommandHost> OpenAsync(IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        var settings = ArchiveSettings.From(builder.Configuration);
        var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        var dataSource = new NpgsqlDataSourceBuilder(settings.Database).UseNodaTime().Build();
        try
        {
            await LedgerSchema.MigrateAsync(settings.DatabaseOwner, ct);
            await DatabaseRoles.SecureAsync(settings, loggers.CreateLogger(typeof(DatabaseRoles)), ct);
            SecretFiles.RefuseExposedSigningKey(settings.LedgerKeyFile);
            SecretFiles.RefuseExposedSigningKey(settings.LedgerSm2KeyFile);
            var signer = LedgerSigningKey.LoadOrCreate(settings.LedgerSigningKey, settings.LedgerKeyFile, settings.LedgerOrigin);
            var cosigner = LedgerSigningKey.LoadOrCreateSm2(settings.LedgerSm2SigningKey, settings.LedgerSm2KeyFile, settings.LedgerOrigin);
            return new LedgerCommandHost(builder.Configuration, settings, loggers, dataSource, signer, cosigner);
        }
        catch
        {
            await dataSource.DisposeAsync();
            loggers.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await DataSource.DisposeAsync();
        _loggers.Dispose();
    }
}
