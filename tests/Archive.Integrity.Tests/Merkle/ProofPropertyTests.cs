using Archive.Integrity.Merkle;
using FsCheck;
using FsCheck.Xunit;

namespace Archive.Integrity.Tests.Merkle;

/// <summary>Exhaustive and randomized checks of the stored-hash proofs against <see cref="ReferenceMerkleTree"/>.</summary>
public class ProofPropertyTests
{
    private const int InclusionLimit = 300;
    private const int ConsistencyLimit = 200;

    private static readonly List<byte[]> Records =
        [.. Enumerable.Range(0, InclusionLimit).Select(i => System.Text.Encoding.UTF8.GetBytes($"record {i}"))];

    private static readonly Lazy<(InMemoryHashStore Log, byte[][] Roots)> Log = new(() =>
    {
        var log = new InMemoryHashStore();
        var roots = new byte[InclusionLimit + 1][];
        roots[0] = TreeHashing.EmptyTreeHash();
        for (var i = 0; i < InclusionLimit; i++)
        {
            log.Append(Records[i]);
            roots[i + 1] = StoredHashes.TreeHashAsync(i + 1, log, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return (log, roots);
    });

    [Fact]
    public async Task ProveRecordAsync_VerifiesAndEqualsReference_ForEveryIndexAndSizeUpTo300()
    {
        var (log, roots) = Log.Value;
        for (var size = 1; size <= InclusionLimit; size++)
        {
            var expected = ReferenceMerkleTree.AllInclusionProofs(Records, size);
            for (var index = 0; index < size; index++)
            {
                var proof = await Proofs.ProveRecordAsync(size, index, log, CancellationToken.None);
                Assert.True(SameHashes(expected[index], proof), $"index {index} size {size}");
                Assert.True(Proofs.CheckRecord(proof, size, roots[size], index, TreeHashing.RecordHash(Records[index])));
            }
        }
    }

    [Fact]
    public async Task ProveTreeAsync_VerifiesAndEqualsReference_ForEveryPairUpTo200()
    {
        var (log, roots) = Log.Value;
        for (var size = 1; size <= ConsistencyLimit; size++)
        {
            var expected = ReferenceMerkleTree.AllConsistencyProofs(Records, size);
            for (var oldSize = 1; oldSize <= size; oldSize++)
            {
                var proof = await Proofs.ProveTreeAsync(size, oldSize, log, CancellationToken.None);
                Assert.True(SameHashes(expected[oldSize - 1], proof), $"old {oldSize} size {size}");
                Assert.True(Proofs.CheckTree(proof, size, roots[size], oldSize, roots[oldSize]));
            }
        }
    }

    [Fact]
    public async Task CheckRecord_Fails_WhenAnyByteOfProofRootOrLeafChanges_ForSizesUpTo40()
    {
        var (log, roots) = Log.Value;
        for (var size = 1; size <= 40; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var proof = await Proofs.ProveRecordAsync(size, index, log, CancellationToken.None);
                var leaf = TreeHashing.RecordHash(Records[index]);
                for (var b = 0; b < TreeHashing.HashSize; b++)
                {
                    for (var h = 0; h < proof.Count; h++)
                    {
                        Assert.False(Proofs.CheckRecord(Replace(proof, h, b), size, roots[size], index, leaf));
                    }

                    Assert.False(Proofs.CheckRecord(proof, size, Flip(roots[size], b), index, leaf));
                    Assert.False(Proofs.CheckRecord(proof, size, roots[size], index, Flip(leaf, b)));
                }
            }
        }
    }

    [Fact]
    public async Task CheckTree_Fails_WhenAnyByteOfProofOrEitherRootChanges_ForSizesUpTo40()
    {
        var (log, roots) = Log.Value;
        for (var size = 1; size <= 40; size++)
        {
            for (var oldSize = 1; oldSize <= size; oldSize++)
            {
                var proof = await Proofs.ProveTreeAsync(size, oldSize, log, CancellationToken.None);
                for (var b = 0; b < TreeHashing.HashSize; b++)
                {
                    for (var h = 0; h < proof.Count; h++)
                    {
                        Assert.False(Proofs.CheckTree(Replace(proof, h, b), size, roots[size], oldSize, roots[oldSize]));
                    }

                    Assert.False(Proofs.CheckTree(proof, size, Flip(roots[size], b), oldSize, roots[oldSize]));
                    Assert.False(Proofs.CheckTree(proof, size, roots[size], oldSize, Flip(roots[oldSize], b)));
                }
            }
        }
    }

    [Property(MaxTest = 2000)]
    public bool CheckRecord_Fails_WhenARandomBitOfTheProofFlips(PositiveInt sizeSeed, NonNegativeInt indexSeed, NonNegativeInt position, byte mask)
    {
        var (log, roots) = Log.Value;
        var size = 2 + (sizeSeed.Get % (InclusionLimit - 1));
        var index = indexSeed.Get % size;
        var proof = Proofs.ProveRecordAsync(size, index, log, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var h = position.Get % proof.Count;
        var b = (position.Get / proof.Count) % TreeHashing.HashSize;
        var altered = proof.ToList();
        altered[h] = (byte[])altered[h].Clone();
        altered[h][b] ^= mask == 0 ? (byte)1 : mask;
        var leaf = TreeHashing.RecordHash(Records[index]);
        return Proofs.CheckRecord(proof, size, roots[size], index, leaf)
            && !Proofs.CheckRecord(altered, size, roots[size], index, leaf);
    }

    [Property(MaxTest = 2000)]
    public bool CheckTree_Fails_WhenARandomBitOfTheProofFlips(PositiveInt sizeSeed, NonNegativeInt oldSeed, NonNegativeInt position, byte mask)
    {
        var (log, roots) = Log.Value;
        var size = 2 + (sizeSeed.Get % (InclusionLimit - 1));
        var oldSize = 1 + (oldSeed.Get % (size - 1));
        var proof = Proofs.ProveTreeAsync(size, oldSize, log, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var h = position.Get % proof.Count;
        var b = (position.Get / proof.Count) % TreeHashing.HashSize;
        var altered = proof.ToList();
        altered[h] = (byte[])altered[h].Clone();
        altered[h][b] ^= mask == 0 ? (byte)1 : mask;
        return Proofs.CheckTree(proof, size, roots[size], oldSize, roots[oldSize])
            && !Proofs.CheckTree(altered, size, roots[size], oldSize, roots[oldSize]);
    }

    private static bool SameHashes(IReadOnlyList<byte[]> expected, IReadOnlyList<byte[]> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    private static List<byte[]> Replace(IReadOnlyList<byte[]> proof, int h, int b)
    {
        var copy = proof.ToList();
        copy[h] = Flip(copy[h], b);
        return copy;
    }

    private static byte[] Flip(byte[] hash, int b)
    {
        var copy = (byte[])hash.Clone();
        copy[b] ^= 0x5a;
        return copy;
    }
}
