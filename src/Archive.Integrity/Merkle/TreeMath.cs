using System.Numerics;

namespace Archive.Integrity.Merkle;

/// <summary>
/// Shared arithmetic for the stored-hash layout, after the ideas of Go's
/// <c>golang.org/x/mod/sumdb/tlog</c>: a tree of any size is the concatenation of complete
/// subtrees whose sizes are the descending powers of two in its binary expansion.
/// </summary>
internal static class TreeMath
{
    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2), and its log₂.</summary>
    public static (long K, int Level) MaxPow2Below(long n)
    {
        var level = 63 - BitOperations.LeadingZeroCount((ulong)(n - 1));
        return (1L << level, level);
    }

    /// <summary>Appends the stored-hash indexes of the complete subtrees covering [lo, hi).</summary>
    public static void SubTreeIndexes(long lo, long hi, List<long> need)
    {
        while (lo < hi)
        {
            // Largest power of two ≤ hi - lo; lo is always a multiple of it here.
            var (k, level) = MaxPow2Below(hi - lo + 1);
            need.Add(StoredHashes.StoredHashIndex(level, lo >> level));
            lo += k;
        }
    }

    /// <summary>Folds the subtree hashes read for [lo, hi) (see <see cref="SubTreeIndexes"/>) into one hash.</summary>
    public static byte[] SubTreeHash(long lo, long hi, HashCursor hashes)
    {
        var count = 0;
        while (lo < hi)
        {
            var (k, _) = MaxPow2Below(hi - lo + 1);
            lo += k;
            count++;
        }

        var taken = hashes.Take(count);
        var hash = taken[count - 1];
        for (var i = count - 2; i >= 0; i--)
        {
            hash = TreeHashing.NodeHash(taken[i], hash);
        }

        return hash;
    }

    /// <summary>Reads the hashes and checks the reader kept its side of the contract.</summary>
    public static async ValueTask<HashCursor> ReadAsync(IHashReader reader, List<long> indexes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (indexes.Count == 0)
        {
            return new HashCursor([]);
        }

        var hashes = await reader.ReadHashesAsync(indexes, cancellationToken).ConfigureAwait(false);
        if (hashes is null || hashes.Count != indexes.Count)
        {
            throw new InvalidOperationException(
                $"The hash reader returned {hashes?.Count ?? 0} hashes for {indexes.Count} requested indexes.");
        }

        for (var i = 0; i < hashes.Count; i++)
        {
            if (hashes[i] is not { Length: TreeHashing.HashSize })
            {
                throw new InvalidOperationException($"The hash reader returned a malformed hash for index {indexes[i]}.");
            }
        }

        return new HashCursor(hashes);
    }
}

/// <summary>Consumes hashes front to back, in the order their indexes were requested.</summary>
internal sealed class HashCursor(IReadOnlyList<byte[]> hashes)
{
    private int _position;

    public byte[][] Take(int count)
    {
        var result = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = hashes[_position++];
        }

        return result;
    }

    public bool IsExhausted => _position == hashes.Count;
}
