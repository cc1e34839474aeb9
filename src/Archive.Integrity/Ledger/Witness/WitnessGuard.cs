using Archive.Integrity.Merkle;
using Archive.Storage;
using Microsoft.Extensions.Logging;

namespace Archive.Integrity.Ledger.Witness;

/// <summary>
/// The checkpoint issuer's use of the <see cref="ICheckpointWitness"/>: the database must agree with the newest
/// witnessed checkpoint before anything is signed, and every signed checkpoint is handed to the witness.
/// </summary>
internal sealed class WitnessGuard(ICheckpointWitness? witness, ILogger logger)
{
    /// <summary>
    /// Throws when the newest witnessed checkpoint is larger than the database's log, or its root differs from the
    /// database's tree at that size. With <paramref name="storesRequired"/> off, an unreadable witness only warns.
    /// </summary>
    public async Task<WitnessedCheckpoint?> EnsureConsistentAsync(long size, IHashReader reader, bool storesRequired, CancellationToken ct)
    {
        if (witness is null)
        {
            return null;
        }

        WitnessedCheckpoint? newest;
        try
        {
            newest = await witness.ReadNewestAsync(ct);
        }
        catch (StorageException e) when (!storesRequired)
        {
            WitnessLog.Unreadable(logger, e);
            return null;
        }

        if (newest is null)
        {
            return null;
        }

        if (newest.TreeSize > size)
        {
            throw new LedgerIntegrityException(
                $"The database's ledger holds {size} entries but checkpoint {newest.TreeSize} was witnessed in the {newest.Store} store: " +
                "the database was restored from an older backup or entries were deleted. Nothing will be signed.");
        }

        var root = await StoredHashes.TreeHashAsync(newest.TreeSize, reader, ct);
        if (!root.AsSpan().SequenceEqual(newest.Root))
        {
            throw new LedgerIntegrityException(
                $"The database's tree of size {newest.TreeSize} differs from the checkpoint witnessed in the {newest.Store} store: " +
                "the database's ledger was rewritten. Nothing will be signed.");
        }

        return newest;
    }

    /// <summary>Hands a signed checkpoint to the witness; a store failure only warns (the next checkpoint is witnessed again).</summary>
    public async Task RecordAsync(string note, long treeSize, CancellationToken ct)
    {
        if (witness is null)
        {
            return;
        }

        try
        {
            await witness.RecordAsync(note, treeSize, ct);
        }
        catch (StorageException e)
        {
            WitnessLog.NotRecorded(logger, treeSize, e);
        }
    }
}
