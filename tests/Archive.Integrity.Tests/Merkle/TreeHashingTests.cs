using Archive.Integrity.Merkle;

namespace Archive.Integrity.Tests.Merkle;

public class TreeHashingTests
{
    [Fact]
    public void EmptyTreeHash_IsSha256OfNothing() =>
        Assert.Equal(Rfc6962Vectors.Roots[0], TreeHashing.EmptyTreeHash());

    [Fact]
    public void RecordHash_MatchesPublishedLeafHash_ForEmptyLeaf() =>
        // transparency-dev/merkle testonly/constants.go NodeHashes()[0][0].
        Assert.Equal(Rfc6962Vectors.H("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"), TreeHashing.RecordHash([]));

    [Fact]
    public void NodeHash_MatchesPublishedLevelOneHash()
    {
        var left = TreeHashing.RecordHash(Rfc6962Vectors.Leaves[0]);
        var right = TreeHashing.RecordHash(Rfc6962Vectors.Leaves[1]);
        Assert.Equal(Rfc6962Vectors.Roots[2], TreeHashing.NodeHash(left, right));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task TreeHash_MatchesPublishedRoot_ForEachSize(int size)
    {
        var store = Rfc6962Vectors.Store();
        Assert.Equal(Rfc6962Vectors.Roots[size], await StoredHashes.TreeHashAsync(size, store, CancellationToken.None));
        Assert.Equal(Rfc6962Vectors.Roots[size], ReferenceMerkleTree.RootHash(Rfc6962Vectors.Leaves, size));
    }
}
