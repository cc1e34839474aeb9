using Archive.Integrity.Merkle;

namespace Archive.Integrity.Tests.Merkle;

/// <summary>Proofs against the published transparency-dev/merkle vectors (see <see cref="Rfc6962Vectors"/>).</summary>
public class ProofKnownAnswerTests
{
    public static TheoryData<int> InclusionCases => new(Enumerable.Range(0, Rfc6962Vectors.InclusionProofs.Length));

    public static TheoryData<int> ConsistencyCases => new(Enumerable.Range(0, Rfc6962Vectors.ConsistencyProofs.Length));

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public async Task ProveRecordAsync_ReturnsPublishedProof(int vector)
    {
        var (index, size, hex) = Rfc6962Vectors.InclusionProofs[vector];
        var expected = hex.Select(Rfc6962Vectors.H).ToList();

        var proof = await Proofs.ProveRecordAsync(size, index, Rfc6962Vectors.Store(), CancellationToken.None);

        Assert.Equal(expected, proof);
        Assert.Equal(expected, ReferenceMerkleTree.InclusionProof(Rfc6962Vectors.Leaves, index, size));
        var leafHash = TreeHashing.RecordHash(Rfc6962Vectors.Leaves[index]);
        Assert.True(Proofs.CheckRecord(expected, size, Rfc6962Vectors.Roots[size], index, leafHash));
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public async Task ProveTreeAsync_ReturnsPublishedProof(int vector)
    {
        var (oldSize, size, hex) = Rfc6962Vectors.ConsistencyProofs[vector];
        var expected = hex.Select(Rfc6962Vectors.H).ToList();

        var proof = await Proofs.ProveTreeAsync(size, oldSize, Rfc6962Vectors.Store(), CancellationToken.None);

        Assert.Equal(expected, proof);
        Assert.Equal(expected, ReferenceMerkleTree.ConsistencyProof(Rfc6962Vectors.Leaves, oldSize, size));
        Assert.True(Proofs.CheckTree(expected, size, Rfc6962Vectors.Roots[size], oldSize, Rfc6962Vectors.Roots[oldSize]));
    }

    [Fact]
    public void CheckRecord_Rejects_WrongIndexSizeOrPadding()
    {
        // The corruption probes of transparency-dev/merkle proof/verify_test.go corruptInclusionProof.
        var (index, size, hex) = Rfc6962Vectors.InclusionProofs[2];
        var proof = hex.Select(Rfc6962Vectors.H).ToList();
        var root = Rfc6962Vectors.Roots[size];
        var leaf = TreeHashing.RecordHash(Rfc6962Vectors.Leaves[index]);

        Assert.False(Proofs.CheckRecord(proof, size, root, index - 1, leaf));
        Assert.False(Proofs.CheckRecord(proof, size, root, index + 1, leaf));
        Assert.False(Proofs.CheckRecord(proof, size, root, index ^ 2, leaf));
        Assert.False(Proofs.CheckRecord(proof, size * 2, root, index, leaf));
        Assert.False(Proofs.CheckRecord(proof, size / 2, root, index, leaf));
        Assert.False(Proofs.CheckRecord(proof, size, Rfc6962Vectors.Roots[0], index, leaf));
        Assert.False(Proofs.CheckRecord([.. proof, root], size, root, index, leaf));
        Assert.False(Proofs.CheckRecord([root, .. proof], size, root, index, leaf));
        Assert.False(Proofs.CheckRecord([.. proof, []], size, root, index, leaf));
        Assert.False(Proofs.CheckRecord(proof[..^1], size, root, index, leaf));
        Assert.False(Proofs.CheckRecord(proof, size, root[..31], index, leaf));
    }

    [Fact]
    public void CheckTree_Rejects_WrongSizesSwappedRootsOrPadding()
    {
        var (oldSize, size, hex) = Rfc6962Vectors.ConsistencyProofs[2];
        var proof = hex.Select(Rfc6962Vectors.H).ToList();
        var root1 = Rfc6962Vectors.Roots[oldSize];
        var root2 = Rfc6962Vectors.Roots[size];

        Assert.False(Proofs.CheckTree(proof, size, root2, oldSize - 1, root1));
        Assert.False(Proofs.CheckTree(proof, size, root2, oldSize + 1, root1));
        Assert.False(Proofs.CheckTree(proof, size * 2, root2, oldSize, root1));
        Assert.False(Proofs.CheckTree(proof, size / 2, root2, oldSize, root1));
        Assert.False(Proofs.CheckTree(proof, size, root1, oldSize, root2));
        Assert.False(Proofs.CheckTree([], size, root2, oldSize, root1));
        Assert.False(Proofs.CheckTree([.. proof, root1], size, root2, oldSize, root1));
        Assert.False(Proofs.CheckTree([proof[0], .. proof], size, root2, oldSize, root1));
        Assert.False(Proofs.CheckTree(proof[..^1], size, root2, oldSize, root1));
    }

    [Fact]
    public void CheckTree_AcceptsEqualSizes_OnlyWithEqualRootsAndEmptyProof()
    {
        var root = Rfc6962Vectors.Roots[5];
        Assert.True(Proofs.CheckTree([], 5, root, 5, root));
        Assert.False(Proofs.CheckTree([], 5, root, 5, Rfc6962Vectors.Roots[4]));
        Assert.False(Proofs.CheckTree([root], 5, root, 5, root));
    }

    [Fact]
    public async Task Prove_Throws_WhenArgumentsAreOutOfRange()
    {
        var log = Rfc6962Vectors.Store();
        var ct = CancellationToken.None;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Proofs.ProveRecordAsync(8, 8, log, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Proofs.ProveRecordAsync(8, -1, log, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Proofs.ProveRecordAsync(0, 0, log, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Proofs.ProveTreeAsync(8, 0, log, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Proofs.ProveTreeAsync(4, 5, log, ct));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Proofs.ProveRecordAsync(9, 0, log, ct));
    }
}
