using Archive.Integrity.Ledger.Witness;
using Archive.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Archive.Integrity.Ledger.Export;

/// <summary>
/// A checkpoint witness that first extends the ledger's export into the offline store up to the checkpoint, then
/// hands the checkpoint to the witness it wraps: a witnessed checkpoint is thus normally covered by the export, which
/// is what a rebuild from the offline copy needs. Runs on the checkpoint path after the signature is committed, so it
/// never slows appends. An export that fails only warns; the next checkpoint exports everything still missing.
/// </summary>
/// <param name="inner">The witness of signed checkpoints.</param>
/// <param name="exporter">The ledger's exporter.</param>
/// <param name="logger">Where a failed export is logged.</param>
public sealed class ExportingCheckpointWitness(ICheckpointWitness inner, LedgerExporter exporter, ILogger<ExportingCheckpointWitness> logger)
    : ICheckpointWitness
{
    private static readonly Action<ILogger, long, Exception?> s_exportFailed = LoggerMessage.Define<long>(
        LogLevel.Warning, new EventId(4130, "LedgerExportFailed"),
        "The ledger export into the offline store could not be extended to checkpoint {TreeSize}; the next checkpoint tries again");

    /// <inheritdoc />
    public async Task RecordAsync(string note, long treeSize, CancellationToken ct)
    {
        try
        {
            await exporter.ExportAsync(ct);
        }
        catch (Exception e) when (e is StorageException or NpgsqlException or FormatException or LedgerIntegrityException)
        {
            s_exportFailed(logger, treeSize, e);
        }

        await inner.RecordAsync(note, treeSize, ct);
    }

    /// <inheritdoc />
    public Task<WitnessedCheckpoint?> ReadNewestAsync(CancellationToken ct) => inner.ReadNewestAsync(ct);
}
