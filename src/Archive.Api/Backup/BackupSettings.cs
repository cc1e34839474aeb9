namespace Archive.Api.Backup;

/// <summary>
/// The database backup job's settings (README "Database backups and point-in-time restore"): where the cluster spools
/// its finished WAL segments, how <c>pg_basebackup</c> connects, and the two schedules. With neither a spool nor a
/// backup connection the job is not scheduled.
/// </summary>
public sealed class BackupSettings
{
    /// <summary>Cron (UTC) of the base backup: daily at 01:30.</summary>
    public const string DefaultBaseCron = "30 1 * * *";

    /// <summary>Cron (UTC) of the WAL shipping: every five minutes, matching the embedded cluster's <c>archive_timeout</c>.</summary>
    public const string DefaultWalCron = "*/5 * * * *";

    /// <summary>The folder the cluster's <c>archive_command</c> copies finished WAL segments into (<c>ARCHIVE_BACKUP_SPOOL</c>).</summary>
    public string? Spool { get; init; }

    /// <summary>
    /// Npgsql-style connection string of a role with <c>REPLICATION</c> for <c>pg_basebackup</c> (<c>ARCHIVE_BACKUP_DB</c>:
    /// <c>Host</c>, <c>Port</c>, <c>Username</c>, <c>Passfile</c> or <c>Password</c>); handed to the program through the
    /// environment, never its command line.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>Cron (UTC) of the base backup (<c>ARCHIVE_BACKUP_BASE_CRON</c>).</summary>
    public string BaseCron { get; init; } = DefaultBaseCron;

    /// <summary>Cron (UTC) of the WAL shipping (<c>ARCHIVE_BACKUP_WAL_CRON</c>).</summary>
    public string WalCron { get; init; } = DefaultWalCron;

    /// <summary>The folder holding <c>pg_basebackup</c> (<c>ARCHIVE_PG_BIN</c>; default: the newest <c>/usr/lib/postgresql/*/bin</c>, else the PATH).</summary>
    public string? PostgresBin { get; init; }

    /// <summary>Reads the settings from configuration (<c>ARCHIVE_BACKUP_*</c>, else the <c>Archive:Backup*</c> keys).</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The settings.</returns>
    public static BackupSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Get(string variable, string key) =>
            configuration[variable] is { Length: > 0 } v ? v : configuration[$"Archive:{key}"] is { Length: > 0 } s ? s : null;

        return new BackupSettings
        {
            Spool = Get("ARCHIVE_BACKUP_SPOOL", "BackupSpool"),
            Database = Get("ARCHIVE_BACKUP_DB", "BackupDatabase"),
            BaseCron = Get("ARCHIVE_BACKUP_BASE_CRON", "BackupBaseCron") ?? DefaultBaseCron,
            WalCron = Get("ARCHIVE_BACKUP_WAL_CRON", "BackupWalCron") ?? DefaultWalCron,
            PostgresBin = Get("ARCHIVE_PG_BIN", "PostgresBin"),
        };
    }

    /// <summary>The <c>pg_basebackup</c> program to run.</summary>
    /// <returns>A path, or the bare name to be found on the PATH.</returns>
    public string PgBaseBackup()
    {
        if (PostgresBin is { } bin)
        {
            return Path.Combine(bin, "pg_basebackup");
        }

        // The newest installed major version: pg_basebackup backs up servers of its own or an older version.
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", "pg_basebackup"))
                .Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? "pg_basebackup";
    }
}
