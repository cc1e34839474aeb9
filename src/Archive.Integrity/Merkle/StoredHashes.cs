using System.Numerics;

namespace Archive.Integrity.Merkle;

/// <summary>
/// The "stored hash" layout of Go's <c>golang.org/x/mod/sumdb/tlog</c>: every complete subtree
/// hash is stored once, at an index derived from its level and position, so tree hashes and
/// proofs need O(log n) reads and never rescan records.
/// </summary>
/// <remarks>
/// When record n is appended, its leaf hash and the hashes of every complete subtree it
/// closes are stored at consecutive indexes starting at <c>StoredHashIndex(0, n)</c>.
/// </remarks>
public static class StoredHashes
{
    /// <summary>The stored-hash index of the n-th subtree hash at the given level (level 0 = leaves).</summary>
    /// <param name="level">Tree level, 0 for record hashes.</param>
    /// <param name="n">Position of the subtree within its level.</param>
    /// <returns>The storage index.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0–62 or <paramref name="n"/> is negative.</exception>
    /// <exception cref="OverflowException">The index does not fit in a 64-bit integer.</exception>
    public static long StoredHashIndex(int level, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 62);
        ArgumentOutOfRangeException.ThrowIfNegative(n);

        // The last leaf below the node (level, n) is record ((n+1) << level) - 1; the node is
        // stored right after it, once per level climbed.
        for (var l = level; l > 0; l--)
        {
            n = checked((2 * n) + 1);
        }

        var index = 0L;
        for (; n > 0; n >>= 1)
        {
            index = checked(index + n);
        }

        return index + level;
    }

    /// <summary>The inverse of <see cref="StoredHashIndex"/>.</summary>
    /// <param name="index">A storage index.</param>
    /// <returns>The level and position of the stored hash.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static (int Level, long N) SplitStoredHashIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);

        // Record n's hashes start at StoredHashIndex(0, n) ≥ 2n - popcount, so n ≥ index / 2.
        var n = index / 2;
        var indexN = StoredHashIndex(0, n);
        while (true)
        {
            // Record n stores 1 + trailingZeros(n+1) hashes.
            var next = indexN + 1 + BitOperations.TrailingZeroCount((ulong)(n + 1));
            if (next > index)
            {
                break;
            }

            n++;
            indexN = next;
        }

        var level = (int)(index - indexN);
        return (level, n >> level);
    }

    /// <summary>The number of stored hashes for a tree of <paramref name="n"/> records.</summary>
    /// <param name="n">The number of records.</param>
    /// <returns>The count of stored hashes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public static long StoredHashCount(long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0)
        {
            return 0;
        }

        var count = StoredHashIndex(0, n - 1) + 1;
        for (var i = (ulong)(n - 1); (i & 1) != 0; i >>= 1)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The hashes to store when record <paramref name="n"/> (0-based) with the given data is appended,
    /// in index order starting at <c>StoredHashIndex(0, n)</c>.
    /// </summary>
    /// <param name="n">The index of the new record; records 0..n-1 must already be stored.</param>
    /// <param name="data">The record bytes.</param>
    /// <param name="reader">Reads hashes already stored.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The record hash followed by every subtree hash the record completes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    public static ValueTask<IReadOnlyList<byte[]>> ComputeAsync(
        long n, ReadOnlyMemory<byte> data, IHashReader reader, CancellationToken cancellationToken) =>
        ComputeForRecordHashAsync(n, TreeHashing.RecordHash(data.Span), reader, cancellationToken);

    /// <summary>Like <see cref="ComputeAsync"/>, for a record whose leaf hash is already known.</summary>
    /// <param name="n">The index of the new record.</param>
    /// <param name="recordHash">The record's 32-byte leaf hash.</param>
    /// <param name="reader">Reads hashes already stored.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The record hash followed by every subtree hash the record completes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="recordHash"/> is not 32 bytes.</exception>
    public static async ValueTask<IReadOnlyList<byte[]>> ComputeForRecordHashAsync(
        long n, byte[] recordHash, IHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentNullException.ThrowIfNull(recordHash);
        ArgumentNullException.ThrowIfNull(reader);
        if (recordHash.Length != TreeHashing.HashSize)
        {
            throw new ArgumentException("A record hash is 32 bytes.", nameof(recordHash));
        }

        var indexes = SiblingIndexes(n);
        var old = (await TreeMath.ReadAsync(reader, indexes, cancellationToken).ConfigureAwait(false)).Take(indexes.Count);
        return Combine(recordHash, old);
    }

    // Record n closes one complete subtree per trailing one bit of n; each needs its left
    // sibling subtree, already stored. Listed from the highest level down.
    internal static List<long> SiblingIndexes(long n)
    {
        var closes = BitOperations.TrailingZeroCount((ulong)(n + 1));
        var indexes = new List<long>(closes);
        for (var i = closes - 1; i >= 0; i--)
        {
            indexes.Add(StoredHashIndex(i, (n >> i) - 1));
        }

        return indexes;
    }

    internal static List<byte[]> Combine(byte[] recordHash, IReadOnlyList<byte[]> siblings)
    {
        var closes = siblings.Count;
        var result = new List<byte[]>(closes + 1) { recordHash };
        var hash = recordHash;
        for (var i = 0; i < closes; i++)
        {
            hash = TreeHashing.NodeHash(siblings[closes - 1 - i], hash);
            result.Add(hash);
        }

        return result;
    }

    /// <summary>The root hash of the tree made of the first <paramref name="treeSize"/> records.</summary>
    /// <param name="treeSize">The number of records in the tree.</param>
    /// <param name="reader">Reads stored hashes.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>
    /// The root hash; <see cref="TreeHashing.EmptyTreeHash"/> (SHA-256 of nothing, RFC 6962 §2.1) for size 0,
    /// where Go's <c>tlog.TreeHash</c> returns 32 zero bytes instead.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative.</exception>
    public static async ValueTask<byte[]> TreeHashAsync(long treeSize, IHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentNullException.ThrowIfNull(reader);
        if (treeSize == 0)
        {
            return TreeHashing.EmptyTreeHash();
        }

        var indexes = new List<long>();
        TreeMath.SubTreeIndexes(0, treeSize, indexes);
        var hashes = await TreeMath.ReadAsync(reader, indexes, cancellationToken).ConfigureAwait(false);
        return TreeMath.SubTreeHash(0, treeSize, hashes);
    }
}
