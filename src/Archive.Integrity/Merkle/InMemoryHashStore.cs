namespace Archive.Integrity.Merkle;

/// <summary>
/// A Merkle log held in memory in the stored-hash layout. Used for tests and for offline
/// verification, where a copy of the log's records is replayed to recompute roots and proofs.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class InMemoryHashStore : IHashReader
{
    private readonly List<byte[]> _hashes = [];

    /// <summary>The number of records appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>The number of hashes stored (equals <c>StoredHashes.StoredHashCount(Size)</c>).</summary>
    public long HashCount => _hashes.Count;

    /// <summary>Appends one record.</summary>
    /// <param name="data">The record bytes.</param>
    public void Append(ReadOnlySpan<byte> data) => AppendRecordHash(TreeHashing.RecordHash(data));

    /// <summary>Appends one record given its leaf hash.</summary>
    /// <param name="recordHash">The 32-byte record hash.</param>
    /// <exception cref="ArgumentException"><paramref name="recordHash"/> is not 32 bytes.</exception>
    public void AppendRecordHash(byte[] recordHash)
    {
        ArgumentNullException.ThrowIfNull(recordHash);
        if (recordHash.Length != TreeHashing.HashSize)
        {
            throw new ArgumentException("A record hash is 32 bytes.", nameof(recordHash));
        }

        var siblings = StoredHashes.SiblingIndexes(Size).Select(i => _hashes[(int)i]).ToList();
        var hashes = StoredHashes.Combine((byte[])recordHash.Clone(), siblings);
        _hashes.AddRange(hashes);
        Size++;
    }

    /// <summary>Reads stored hashes by index.</summary>
    /// <param name="indexes">Stored-hash indexes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Copies of the hashes, in the order asked.</returns>
    /// <exception cref="InvalidOperationException">An index is not stored.</exception>
    public ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new byte[indexes.Count][];
        for (var i = 0; i < indexes.Count; i++)
        {
            var index = indexes[i];
            if (index < 0 || index >= _hashes.Count)
            {
                throw new InvalidOperationException($"Stored hash {index} does not exist (the store holds {_hashes.Count}).");
            }

            result[i] = (byte[])_hashes[(int)index].Clone();
        }

        return ValueTask.FromResult<IReadOnlyList<byte[]>>(result);
    }
}
