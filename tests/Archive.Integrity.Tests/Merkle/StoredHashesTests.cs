using Archive.Integrity.Merkle;

namespace Archive.Integrity.Tests.Merkle;

public class StoredHashesTests
{
    // Layout worked by hand from the tlog rule "record n's hashes follow record n-1's":
    // r0→0; r1→1, node(1,0)→2; r2→3; r3→4, node(1,1)→5, node(2,0)→6; r4→7.
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 2)]
    [InlineData(0, 2, 3)]
    [InlineData(0, 3, 4)]
    [InlineData(1, 1, 5)]
    [InlineData(2, 0, 6)]
    [InlineData(0, 4, 7)]
    [InlineData(3, 0, 14)]
    public void StoredHashIndex_MatchesHandComputedLayout(int level, long n, long expected)
    {
        Assert.Equal(expected, StoredHashes.StoredHashIndex(level, n));
        Assert.Equal((level, n), StoredHashes.SplitStoredHashIndex(expected));
    }

    [Fact]
    public void SplitStoredHashIndex_InvertsStoredHashIndex_ForFirstTenThousandIndexes()
    {
        for (long index = 0; index < 10_000; index++)
        {
            var (level, n) = StoredHashes.SplitStoredHashIndex(index);
            Assert.Equal(index, StoredHashes.StoredHashIndex(level, n));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 7)]
    [InlineData(8, 15)]
    public void StoredHashCount_MatchesLayout(long size, long expected) =>
        Assert.Equal(expected, StoredHashes.StoredHashCount(size));

    [Fact]
    public void StoredHashCount_EqualsHashesAppended_ForEverySizeUpTo300()
    {
        var log = new InMemoryHashStore();
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(StoredHashes.StoredHashCount(log.Size), log.HashCount);
            log.Append(BitConverter.GetBytes(i));
        }
    }

    [Fact]
    public async Task ComputeAsync_ReturnsLeafThenCompletedSubtrees_ForRecordClosingTheEightTree()
    {
        var log = Rfc6962Vectors.Store();
        var prefix = new InMemoryHashStore();
        for (var i = 0; i < 7; i++)
        {
            prefix.Append(Rfc6962Vectors.Leaves[i]);
        }

        var hashes = await StoredHashes.ComputeAsync(7, Rfc6962Vectors.Leaves[7], prefix, CancellationToken.None);

        Assert.Equal(4, hashes.Count);
        Assert.Equal(Rfc6962Vectors.H("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"), hashes[0]);
        Assert.Equal(Rfc6962Vectors.H("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"), hashes[1]);
        Assert.Equal(Rfc6962Vectors.H("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), hashes[2]);
        Assert.Equal(Rfc6962Vectors.Roots[8], hashes[3]);
        var stored = await log.ReadHashesAsync([11, 12, 13, 14], CancellationToken.None);
        Assert.Equal(hashes, stored);
    }

    [Fact]
    public async Task TreeHashAsync_EqualsReferenceRoot_ForEverySizeUpTo300()
    {
        var records = Enumerable.Range(0, 300).Select(i => BitConverter.GetBytes(i * 7919)).ToList();
        var log = new InMemoryHashStore();
        Assert.Equal(TreeHashing.EmptyTreeHash(), await StoredHashes.TreeHashAsync(0, log, CancellationToken.None));
        for (var size = 1; size <= records.Count; size++)
        {
            log.Append(records[size - 1]);
            var expected = ReferenceMerkleTree.RootHash(records, size);
            Assert.Equal(expected, await StoredHashes.TreeHashAsync(size, log, CancellationToken.None));
        }
    }

    [Fact]
    public async Task TreeHashAsync_Throws_WhenSizeIsNegative() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            async () => await StoredHashes.TreeHashAsync(-1, new InMemoryHashStore(), CancellationToken.None));

    [Fact]
    public async Task TreeHashAsync_Throws_WhenHashesAreMissing() =>
        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await StoredHashes.TreeHashAsync(9, Rfc6962Vectors.Store(), CancellationToken.None));

    [Fact]
    public void StoredHashIndex_Throws_WhenArgumentsAreNegative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredHashes.StoredHashIndex(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredHashes.StoredHashIndex(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredHashes.SplitStoredHashIndex(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoredHashes.StoredHashCount(-1));
    }
}
