namespace Archive.Integrity.Ledger.Witness;

/// <summary>
/// A witness of signed checkpoints outside the database (见证): every checkpoint the ledger signs is also kept here, so a
/// database restored from an older backup, or one whose tree was rewritten, is noticed, and the ledger never signs a
/// checkpoint inconsistent with one already witnessed (CT's rule: never sign two inconsistent checkpoints).
/// </summary>
public interface ICheckpointWitness
{
    /// <summary>Keeps a signed checkpoint; idempotent.</summary>
    /// <param name="note">The signed checkpoint note.</param>
    /// <param name="treeSize">Its tree size.</param>
    /// <param name="ct">Cancels the writes.</param>
    /// <exception cref="Archive.Storage.StorageException">A store failed.</exception>
    Task RecordAsync(string note, long treeSize, CancellationToken ct);

    /// <summary>The newest checkpoint any store witnessed whose signature verifies, or <see langword="null"/> when none is.</summary>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="Archive.Storage.StorageException">A store failed.</exception>
    Task<WitnessedCheckpoint?> ReadNewestAsync(CancellationToken ct);
}
