namespace Archive.Integrity.Merkle;

/// <summary>
/// Reads stored Merkle hashes by their stored-hash index (see <see cref="StoredHashes.StoredHashIndex"/>).
/// </summary>
public interface IHashReader
{
    /// <summary>Reads the hashes at the given stored-hash indexes.</summary>
    /// <param name="indexes">Stored-hash indexes, in the order the caller wants them back.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One 32-byte hash per requested index, in the order asked.</returns>
    /// <exception cref="InvalidOperationException">A requested hash is not stored.</exception>
    ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken);
}
