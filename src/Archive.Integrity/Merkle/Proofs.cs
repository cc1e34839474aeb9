namespace Archive.Integrity.Merkle;

/// <summary>
/// RFC 6962 §2.1.1 inclusion proofs and §2.1.2 consistency proofs, built from stored hashes.
/// The proofs are byte-for-byte those of Go's <c>tlog.ProveRecord</c> / <c>tlog.ProveTree</c>,
/// so Go's <c>tlog.CheckRecord</c> / <c>tlog.CheckTree</c> accept them.
/// </summary>
public static class Proofs
{
    /// <summary>The inclusion proof (audit path) of record <paramref name="index"/> in the tree of <paramref name="treeSize"/> records.</summary>
    /// <param name="treeSize">The size of the tree the proof is against.</param>
    /// <param name="index">The 0-based record index.</param>
    /// <param name="reader">Reads stored hashes.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The audit path, the leaf's sibling first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <paramref name="treeSize"/>.</exception>
    public static async ValueTask<IReadOnlyList<byte[]>> ProveRecordAsync(
        long treeSize, long index, IHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        ArgumentNullException.ThrowIfNull(reader);

        var indexes = new List<long>();
        LeafProofIndexes(0, treeSize, index, indexes);
        var hashes = await TreeMath.ReadAsync(reader, indexes, cancellationToken).ConfigureAwait(false);
        var proof = new List<byte[]>();
        LeafProof(0, treeSize, index, hashes, proof);
        return proof;
    }

    /// <summary>Checks an inclusion proof.</summary>
    /// <param name="proof">The audit path, the leaf's sibling first.</param>
    /// <param name="treeSize">The size of the tree.</param>
    /// <param name="treeHash">The tree's root hash.</param>
    /// <param name="index">The 0-based record index.</param>
    /// <param name="recordHash">The record's leaf hash (<see cref="TreeHashing.RecordHash"/>).</param>
    /// <returns><see langword="true"/> if the proof is valid; <see langword="false"/> for any mismatch or impossible size/index.</returns>
    public static bool CheckRecord(
        IReadOnlyList<byte[]> proof, long treeSize, ReadOnlySpan<byte> treeHash, long index, ReadOnlySpan<byte> recordHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= treeSize || !IsWellFormed(proof)
            || treeHash.Length != TreeHashing.HashSize || recordHash.Length != TreeHashing.HashSize)
        {
            return false;
        }

        var computed = RunRecordProof(proof, proof.Count, 0, treeSize, index, recordHash.ToArray());
        return computed is not null && computed.AsSpan().SequenceEqual(treeHash);
    }

    /// <summary>The consistency proof that the tree of <paramref name="oldSize"/> records is a prefix of the tree of <paramref name="treeSize"/> records.</summary>
    /// <param name="treeSize">The size of the newer tree.</param>
    /// <param name="oldSize">The size of the older tree, 1 ≤ oldSize ≤ treeSize.</param>
    /// <param name="reader">Reads stored hashes.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The RFC 6962 consistency proof (empty when the sizes are equal).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is below 1 or above <paramref name="treeSize"/>.</exception>
    public static async ValueTask<IReadOnlyList<byte[]>> ProveTreeAsync(
        long treeSize, long oldSize, IHashReader reader, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, treeSize);
        ArgumentNullException.ThrowIfNull(reader);

        var indexes = new List<long>();
        TreeProofIndexes(0, treeSize, oldSize, indexes);
        var hashes = await TreeMath.ReadAsync(reader, indexes, cancellationToken).ConfigureAwait(false);
        var proof = new List<byte[]>();
        TreeProof(0, treeSize, oldSize, hashes, proof);
        return proof;
    }

    /// <summary>Checks a consistency proof.</summary>
    /// <param name="proof">The consistency proof.</param>
    /// <param name="treeSize">The size of the newer tree.</param>
    /// <param name="treeHash">The newer tree's root hash.</param>
    /// <param name="oldSize">The size of the older tree.</param>
    /// <param name="oldHash">The older tree's root hash.</param>
    /// <returns><see langword="true"/> if the proof is valid; <see langword="false"/> for any mismatch or impossible sizes.</returns>
    public static bool CheckTree(
        IReadOnlyList<byte[]> proof, long treeSize, ReadOnlySpan<byte> treeHash, long oldSize, ReadOnlySpan<byte> oldHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 1 || oldSize > treeSize || !IsWellFormed(proof)
            || treeHash.Length != TreeHashing.HashSize || oldHash.Length != TreeHashing.HashSize)
        {
            return false;
        }

        var result = RunTreeProof(proof, proof.Count, 0, treeSize, oldSize, oldHash.ToArray());
        return result is { } r && r.Old.AsSpan().SequenceEqual(oldHash) && r.Tree.AsSpan().SequenceEqual(treeHash);
    }

    private static bool IsWellFormed(IReadOnlyList<byte[]> proof)
    {
        foreach (var hash in proof)
        {
            if (hash is not { Length: TreeHashing.HashSize })
            {
                return false;
            }
        }

        return true;
    }

    private static void LeafProofIndexes(long lo, long hi, long n, List<long> need)
    {
        if (lo + 1 == hi)
        {
            return;
        }

        var (k, _) = TreeMath.MaxPow2Below(hi - lo);
        if (n < lo + k)
        {
            LeafProofIndexes(lo, lo + k, n, need);
            TreeMath.SubTreeIndexes(lo + k, hi, need);
        }
        else
        {
            TreeMath.SubTreeIndexes(lo, lo + k, need);
            LeafProofIndexes(lo + k, hi, n, need);
        }
    }

    // Must consume hashes in exactly the order LeafProofIndexes requested them.
    private static void LeafProof(long lo, long hi, long n, HashCursor hashes, List<byte[]> proof)
    {
        if (lo + 1 == hi)
        {
            return;
        }

        var (k, _) = TreeMath.MaxPow2Below(hi - lo);
        if (n < lo + k)
        {
            LeafProof(lo, lo + k, n, hashes, proof);
            proof.Add(TreeMath.SubTreeHash(lo + k, hi, hashes));
        }
        else
        {
            var sibling = TreeMath.SubTreeHash(lo, lo + k, hashes);
            LeafProof(lo + k, hi, n, hashes, proof);
            proof.Add(sibling);
        }
    }

    // Uses proof[0..count): the last element is the sibling at this level.
    private static byte[]? RunRecordProof(IReadOnlyList<byte[]> proof, int count, long lo, long hi, long n, byte[] leafHash)
    {
        if (lo + 1 == hi)
        {
            return count == 0 ? leafHash : null;
        }

        if (count == 0)
        {
            return null;
        }

        var (k, _) = TreeMath.MaxPow2Below(hi - lo);
        var sibling = proof[count - 1];
        if (n < lo + k)
        {
            var left = RunRecordProof(proof, count - 1, lo, lo + k, n, leafHash);
            return left is null ? null : TreeHashing.NodeHash(left, sibling);
        }

        var right = RunRecordProof(proof, count - 1, lo + k, hi, n, leafHash);
        return right is null ? null : TreeHashing.NodeHash(sibling, right);
    }

    private static void TreeProofIndexes(long lo, long hi, long n, List<long> need)
    {
        if (n == hi)
        {
            if (lo != 0)
            {
                TreeMath.SubTreeIndexes(lo, hi, need);
            }

            return;
        }

        var (k, _) = TreeMath.MaxPow2Below(hi - lo);
        if (n <= lo + k)
        {
            TreeProofIndexes(lo, lo + k, n, need);
            TreeMath.SubTreeIndexes(lo + k, hi, need);
        }
        else
        {
            TreeMath.SubTreeIndexes(lo, lo + k, need);
            TreeProofIndexes(lo + k, hi, n, need);
        }
    }

    private static void TreeProof(long lo, long hi, long n, HashCursor hashes, List<byte[]> proof)
    {
        if (n == hi)
        {
            // The old tree is a complete subtree here; RFC 6962 omits it only when it is the whole old tree.
            if (lo != 0)
            {
                proof.Add(TreeMath.SubTreeHash(lo, hi, hashes));
            }

            return;
        }

        var (k, _) = TreeMath.MaxPow2Below(hi - lo);
        if (n <= lo + k)
        {
            TreeProof(lo, lo + k, n, hashes, proof);
            proof.Add(TreeMath.SubTreeHash(lo + k, hi, hashes));
        }
        else
        {
            var left = TreeMath.SubTreeHash(lo, lo + k, hashes);
            TreeProof(lo + k, hi, n, hashes, proof);
            proof.Add(left);
        }
    }

    // Returns the hashes of the old tree's part and the new tree's part of [lo, hi).
    private static (byte[] Old, byte[] Tree)? RunTreeProof(IReadOnlyList<byte[]> proof, int count, long lo, long hi, long n, byte[] oldHash)
    {
        if (n == hi)
        {
            if (lo == 0)
            {
                return count == 0 ? (oldHash, oldHash) : null;
            }

            return count == 1 ? (proof[0], proof[0]) : null;
        }

        if (count == 0)
        {
            return null;
        }

        var (k, _) = TreeMath.MaxPow2Below(hi - lo);
        var last = proof[count - 1];
        if (n <= lo + k)
        {
            var left = RunTreeProof(proof, count - 1, lo, lo + k, n, oldHash);
            return left is { } l ? (l.Old, TreeHashing.NodeHash(l.Tree, last)) : null;
        }

        var right = RunTreeProof(proof, count - 1, lo + k, hi, n, oldHash);
        return right is { } r ? (TreeHashing.NodeHash(last, r.Old), TreeHashing.NodeHash(last, r.Tree)) : null;
    }
}
