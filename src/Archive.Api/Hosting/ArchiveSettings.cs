namespace Archive.Api.Hosting;

/// <summary>
/// The host's configuration (CONTRACT §1): <c>ARCHIVE_*</c> environment variables, falling back to the
/// <c>Archive</c> section of <c>appsettings.json</c>, falling back to embedded defaults under the data folder.
/// </summary>
public sealed class ArchiveSettings
{
    /// <summary>The data folder (<c>ARCHIVE_DATA_DIR</c>, default <c>./.data</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Npgsql connection string of the archive database (<c>ARCHIVE_DB</c>).</summary>
    public required string Database { get; init; }

    /// <summary>
    /// Npgsql connection string of the role that owns the schemas and runs the migrations (<c>ARCHIVE_DB_OWNER</c>,
    /// default: <see cref="Database"/>). When it names another role than <see cref="Database"/>, the runtime role is
    /// granted only what it needs after the migrations (on <c>ledger.*</c> only <c>SELECT</c> and <c>INSERT</c>).
    /// </summary>
    public required string DatabaseOwner { get; init; }

    /// <summary>
    /// Whether start-up refuses a runtime role that can rewrite the ledger (a superuser, or the owner of ledger tables)
    /// instead of only warning (<c>ARCHIVE_DB_STRICT</c>, default <c>false</c>).
    /// </summary>
    public bool DatabaseStrict { get; init; }

    /// <summary>Online store URI (<c>ARCHIVE_ONLINE</c>, default <c>file:&lt;data&gt;/online</c>).</summary>
    public required string OnlineStore { get; init; }

    /// <summary>Offline store URI (<c>ARCHIVE_OFFLINE</c>, default <c>file:&lt;data&gt;/offline</c>).</summary>
    public required string OfflineStore { get; init; }

    /// <summary>Token of the first admin (<c>ARCHIVE_BOOTSTRAP_ADMIN_TOKEN</c>); generated when absent.</summary>
    public string? BootstrapAdminToken { get; init; }

    /// <summary>Ledger origin line and key name (<c>ARCHIVE_LEDGER_ORIGIN</c>).</summary>
    public required string LedgerOrigin { get; init; }

    /// <summary>Ledger signing key <c>PRIVATE+KEY+…</c> (<c>ARCHIVE_LEDGER_SIGNING_KEY</c>); else a key file under the data folder.</summary>
    public string? LedgerSigningKey { get; init; }

    /// <summary>SM2 co-signing key <c>PRIVATE+KEY+…</c> (<c>ARCHIVE_LEDGER_SM2_SIGNING_KEY</c>); else a key file under the data folder.</summary>
    public string? LedgerSm2SigningKey { get; init; }

    /// <summary>How often a checkpoint is signed while entries arrive (<c>ARCHIVE_CHECKPOINT_SECONDS</c>, 1–60).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The retention-policy folder (<c>ARCHIVE_POLICIES_DIR</c>, default: the copy shipped beside the program).</summary>
    public required string PoliciesDirectory { get; init; }

    /// <summary>The largest item accepted, in bytes (<c>ARCHIVE_MAX_ITEM_BYTES</c>, default 64 GiB).</summary>
    public long MaxItemBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>After how many days an untouched open submission's staging is removed (<c>ARCHIVE_STAGING_MAX_AGE_DAYS</c>, default 30).</summary>
    public int StagingMaxAgeDays { get; init; } = 30;

    /// <summary>
    /// After how long a background job whose process died (SIGKILL, power loss) runs again
    /// (<c>ARCHIVE_JOB_INVISIBILITY_SECONDS</c>, default 300). Hangfire's invisibility timeout, kept sliding by a
    /// heartbeat while the job runs, so a long seal is never started twice merely for being long.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often idle workers look for queued jobs (<c>ARCHIVE_JOB_POLL_SECONDS</c>, default 15).</summary>
    public TimeSpan JobPollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest wait before a failed background job (a seal stopped by an unreachable store or database) is tried
    /// again (<c>ARCHIVE_JOB_RETRY_MAX_SECONDS</c>); null (the default) keeps Hangfire's growing delays, which reach
    /// hours by the last attempt.
    /// </summary>
    public TimeSpan? JobRetryMaxDelay { get; init; }

    /// <summary>
    /// After how long a lock of the job system left behind is taken over (<c>ARCHIVE_JOB_LOCK_SECONDS</c>, default 600,
    /// Hangfire.PostgreSql's own): a process that died, or whose database went away, while it held the delayed-job
    /// scheduler's or the recurring-job scheduler's lock cannot release it, and until it is taken over no retry and no
    /// recurring job is queued. It also bounds how long a job guarded against concurrent runs is guarded.
    /// </summary>
    public TimeSpan JobLockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>What this process runs (<c>--role</c> / <c>ARCHIVE_ROLE</c>: <c>api</c>, <c>worker</c> or <c>all</c>, the default).</summary>
    public ArchiveRole Role { get; init; } = ArchiveRole.All;

    /// <summary>Where the generated admin token is written.</summary>
    public string AdminTokenFile => Path.Combine(DataDirectory, "admin-token");

    /// <summary>Where the generated ledger signing key is kept.</summary>
    public string LedgerKeyFile => Path.Combine(DataDirectory, "ledger-signing.key");

    /// <summary>Where the generated SM2 co-signing key is kept.</summary>
    public string LedgerSm2KeyFile => Path.Combine(DataDirectory, "ledger-signing-sm2.key");

    /// <summary>Reads the settings from configuration.</summary>
    /// <exception cref="InvalidOperationException">The database is not configured or a value is out of range.</exception>
    /// <exception cref="StartupRefusedException">The role is not <c>api</c>, <c>worker</c> or <c>all</c>.</exception>
    public static ArchiveSettings From(IConfiguration configuration)
    {
        string? Get(string variable, string key) =>
            configuration[variable] is { Length: > 0 } v ? v : configuration[$"Archive:{key}"] is { Length: > 0 } s ? s : null;

        var data = Path.GetFullPath(Get("ARCHIVE_DATA_DIR", "DataDirectory") ?? ".data");
        var seconds = int.TryParse(Get("ARCHIVE_CHECKPOINT_SECONDS", "CheckpointSeconds"), out var s) ? s : 5;
        if (seconds is < 1 or > 60)
        {
            throw new InvalidOperationException("ARCHIVE_CHECKPOINT_SECONDS must be between 1 and 60.");
        }

        var maxItemBytes = long.TryParse(Get("ARCHIVE_MAX_ITEM_BYTES", "MaxItemBytes"), out var m) ? m : 64L * 1024 * 1024 * 1024;
        var stagingDays = int.TryParse(Get("ARCHIVE_STAGING_MAX_AGE_DAYS", "StagingMaxAgeDays"), out var d) ? d : 30;
        if (maxItemBytes < 1 || stagingDays < 1)
        {
            throw new InvalidOperationException("ARCHIVE_MAX_ITEM_BYTES and ARCHIVE_STAGING_MAX_AGE_DAYS must be positive.");
        }

        var invisibility = int.TryParse(Get("ARCHIVE_JOB_INVISIBILITY_SECONDS", "JobInvisibilitySeconds"), out var i) ? i : 300;
        var poll = int.TryParse(Get("ARCHIVE_JOB_POLL_SECONDS", "JobPollSeconds"), out var q) ? q : 15;
        if (invisibility < 5 || poll < 1)
        {
            throw new InvalidOperationException("ARCHIVE_JOB_INVISIBILITY_SECONDS must be at least 5 and ARCHIVE_JOB_POLL_SECONDS positive.");
        }

        var retry = int.TryParse(Get("ARCHIVE_JOB_RETRY_MAX_SECONDS", "JobRetryMaxSeconds"), out var rs) ? rs : (int?)null;
        if (retry < 1)
        {
            throw new InvalidOperationException("ARCHIVE_JOB_RETRY_MAX_SECONDS must be positive.");
        }

        var lockSeconds = int.TryParse(Get("ARCHIVE_JOB_LOCK_SECONDS", "JobLockSeconds"), out var ls) ? ls : 600;
        if (lockSeconds < 5)
        {
            throw new InvalidOperationException("ARCHIVE_JOB_LOCK_SECONDS must be at least 5.");
        }

        var database = Get("ARCHIVE_DB", "Database")
            ?? throw new InvalidOperationException("ARCHIVE_DB is not set: give an Npgsql connection string (./archive up sets one for its private cluster).");
        return new ArchiveSettings
        {
            DataDirectory = data,
            Database = database,
            DatabaseOwner = Get("ARCHIVE_DB_OWNER", "DatabaseOwner") ?? database,
            DatabaseStrict = bool.TryParse(Get("ARCHIVE_DB_STRICT", "DatabaseStrict"), out var strict) && strict,
            OnlineStore = Get("ARCHIVE_ONLINE", "Online") ?? "file:" + Path.Combine(data, "online"),
            OfflineStore = Get("ARCHIVE_OFFLINE", "Offline") ?? "file:" + Path.Combine(data, "offline"),
            BootstrapAdminToken = Get("ARCHIVE_BOOTSTRAP_ADMIN_TOKEN", "BootstrapAdminToken"),
            LedgerOrigin = Get("ARCHIVE_LEDGER_ORIGIN", "LedgerOrigin") ?? "archive.ggzy.yn/ledger",
            LedgerSigningKey = Get("ARCHIVE_LEDGER_SIGNING_KEY", "LedgerSigningKey"),
            LedgerSm2SigningKey = Get("ARCHIVE_LEDGER_SM2_SIGNING_KEY", "LedgerSm2SigningKey"),
            CheckpointInterval = TimeSpan.FromSeconds(seconds),
            PoliciesDirectory = Path.GetFullPath(Get("ARCHIVE_POLICIES_DIR", "PoliciesDirectory") ?? Path.Combine(AppContext.BaseDirectory, "retention-policies")),
            MaxItemBytes = maxItemBytes,
            StagingMaxAgeDays = stagingDays,
            JobInvisibilityTimeout = TimeSpan.FromSeconds(invisibility),
            JobPollInterval = TimeSpan.FromSeconds(poll),
            JobLockTimeout = TimeSpan.FromSeconds(lockSeconds),
            JobRetryMaxDelay = retry is { } r ? TimeSpan.FromSeconds(r) : null,
            Role = ArchiveRoles.From(configuration),
        };
    }
}
