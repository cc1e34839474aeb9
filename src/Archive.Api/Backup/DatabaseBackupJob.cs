using Archive.Integrity.Ledger;
using Hangfire;

namespace Archive.Api.Backup;

/// <summary>
/// The recurring database backup (README "Database backups and point-in-time restore"): ships the spooled WAL to the
/// offline store, and takes the base backup, recorded in the ledger as <c>database.backed-up</c>.
/// </summary>
/// <param name="settings">The backup settings.</param>
/// <param name="shipper">Ships the spooled WAL.</param>
/// <param name="taker">Takes base backups.</param>
/// <param name="ledger">Where each base backup is recorded.</param>
/// <param name="logger">Where each run is reported.</param>
public sealed partial class DatabaseBackupJob(
    BackupSettings settings, WalShipper shipper, BaseBackupTaker taker, ILedger ledger, ILogger<DatabaseBackupJob> logger)
{
    /// <summary>The recurring WAL shipping's id.</summary>
    public const string WalJobId = "database-backup-wal";

    /// <summary>The recurring base backup's id.</summary>
    public const string BaseJobId = "database-backup-base";

    /// <summary>Ships every spooled WAL segment (nothing when no spool is configured).</summary>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task ShipWalAsync(CancellationToken ct)
    {
        if (settings.Spool is { } spool && await shipper.ShipAsync(spool, ct) is var shipped and > 0)
        {
            LogShipped(logger, shipped);
        }
    }

    /// <summary>Takes a base backup, records it in the ledger, then ships the WAL spooled meanwhile.</summary>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 6 * 3600)]
    public async Task TakeBaseBackupAsync(CancellationToken ct)
    {
        var record = await taker.TakeAsync(settings, ct);
        var fields = record.ToJson();
        fields.Remove("format");
        var entry = await ledger.AppendAsync("database.backed-up", fields, $"database.backed-up:{record.Id}", ct);
        LogBackedUp(logger, record.Id, record.Size, record.StartWal, entry.Index);
        await ShipWalAsync(ct);
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "Shipped {Count} WAL files to the offline store")]
    private static partial void LogShipped(ILogger logger, int count);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Base backup {Id} stored ({Size} bytes, from WAL {StartWal}; ledger entry {EntryIndex})")]
    private static partial void LogBackedUp(ILogger logger, string id, long size, string startWal, long entryIndex);
}
