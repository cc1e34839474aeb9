namespace Archive.Integrity.Merkle;

/// <summary>
/// A direct, recursive transcription of RFC 6962 §2.1 — MTH, PATH and SUBPROOF — over a list
/// of records. It is slow (linear work per call) and exists as the oracle the stored-hash
/// implementation is tested against.
/// </summary>
public static class ReferenceMerkleTree
{
    /// <summary>MTH(D[0:size]).</summary>
    /// <param name="records">The record data D.</param>
    /// <param name="size">How many records form the tree.</param>
    /// <returns>The root hash.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or exceeds the record count.</exception>
    public static byte[] RootHash(IReadOnlyList<byte[]> records, int size)
    {
        Check(records, size);
        return size == 0 ? TreeHashing.EmptyTreeHash() : new Evaluator(records).Mth(0, size);
    }

    /// <summary>PATH(index, D[0:size]).</summary>
    /// <param name="records">The record data D.</param>
    /// <param name="index">The 0-based record index, below <paramref name="size"/>.</param>
    /// <param name="size">How many records form the tree.</param>
    /// <returns>The audit path, the leaf's sibling first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index or size is out of range.</exception>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> records, int index, int size)
    {
        Check(records, size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        return new Evaluator(records).Path(index, 0, size);
    }

    /// <summary>PROOF(oldSize, D[0:size]) = SUBPROOF(oldSize, D[0:size], true).</summary>
    /// <param name="records">The record data D.</param>
    /// <param name="oldSize">The older tree size, 1 ≤ oldSize ≤ size.</param>
    /// <param name="size">The newer tree size.</param>
    /// <returns>The consistency proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> records, int oldSize, int size)
    {
        Check(records, size);
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, size);
        return new Evaluator(records).SubProof(oldSize, 0, size, true);
    }

    /// <summary>PATH(m, D[0:size]) for every m in [0, size), sharing subtree hashes between the paths.</summary>
    /// <param name="records">The record data D.</param>
    /// <param name="size">How many records form the tree.</param>
    /// <returns>The audit paths, indexed by record.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or exceeds the record count.</exception>
    public static IReadOnlyList<IReadOnlyList<byte[]>> AllInclusionProofs(IReadOnlyList<byte[]> records, int size)
    {
        Check(records, size);
        var tree = new Evaluator(records);
        return [.. Enumerable.Range(0, size).Select(m => tree.Path(m, 0, size))];
    }

    /// <summary>PROOF(m, D[0:size]) for every m in [1, size], sharing subtree hashes between the proofs.</summary>
    /// <param name="records">The record data D.</param>
    /// <param name="size">The newer tree size.</param>
    /// <returns>The consistency proofs; element i is the proof from size i + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or exceeds the record count.</exception>
    public static IReadOnlyList<IReadOnlyList<byte[]>> AllConsistencyProofs(IReadOnlyList<byte[]> records, int size)
    {
        Check(records, size);
        var tree = new Evaluator(records);
        return [.. Enumerable.Range(1, size).Select(m => tree.SubProof(m, 0, size, true))];
    }

    private static void Check(IReadOnlyList<byte[]> records, int size)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, records.Count);
    }


    // k is the largest power of two smaller than n (RFC 6962 §2.1).
    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    // The RFC's recursive definitions over D[lo:hi]; MTH results are memoized only so that
    // evaluating many proofs of one tree stays fast.
    private sealed class Evaluator(IReadOnlyList<byte[]> d)
    {
        private readonly Dictionary<(int Lo, int Hi), byte[]> _memo = [];

        public byte[] Mth(int lo, int hi)
        {
            if (_memo.TryGetValue((lo, hi), out var cached))
            {
                return cached;
            }

            var n = hi - lo;
            byte[] hash;
            if (n == 1)
            {
                hash = TreeHashing.RecordHash(d[lo]);
            }
            else
            {
                var k = Split(n);
                hash = TreeHashing.NodeHash(Mth(lo, lo + k), Mth(lo + k, hi));
            }

            _memo[(lo, hi)] = hash;
            return hash;
        }

        // PATH(m, D[lo:hi]) with m relative to the whole list.
        public List<byte[]> Path(int m, int lo, int hi)
        {
            var n = hi - lo;
            if (n == 1)
            {
                return [];
            }

            var k = Split(n);
            if (m < lo + k)
            {
                var path = Path(m, lo, lo + k);
                path.Add(Mth(lo + k, hi));
                return path;
            }
            else
            {
                var path = Path(m, lo + k, hi);
                path.Add(Mth(lo, lo + k));
                return path;
            }
        }

        // SUBPROOF(m, D[lo:hi], b) with m relative to lo.
        public List<byte[]> SubProof(int m, int lo, int hi, bool b)
        {
            var n = hi - lo;
            if (m == n)
            {
                return b ? [] : [Mth(lo, hi)];
            }

            var k = Split(n);
            if (m <= k)
            {
                var proof = SubProof(m, lo, lo + k, b);
                proof.Add(Mth(lo + k, hi));
                return proof;
            }
            else
            {
                var proof = SubProof(m - k, lo + k, hi, false);
                proof.Add(Mth(lo, lo + k));
                return proof;
            }
        }
    }
}
