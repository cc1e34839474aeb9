using System.Security.Cryptography;
using Archive.Integrity.Custody;

namespace Archive.Integrity.Tests.Custody;

public sealed class VerifyingReadStreamTests
{
    private const int Chunk = 16;

    private static byte[] Content(int size) => Enumerable.Range(0, size).Select(i => unchecked((byte)((i * 7) + 3))).ToArray();

    private static async Task<byte[]> ReadAsync(byte[] stored, ChunkDigests chunks, long offset, long length)
    {
        var aligned = VerifyingReadStream.AlignedRange(chunks, offset, length);
        var source = new MemoryStream(stored, (int)aligned.Offset, (int)Math.Min(aligned.Length!.Value, Math.Max(0, stored.Length - aligned.Offset)));
        await using var verifying = new VerifyingReadStream(source, chunks, offset, length);
        var output = new MemoryStream();
        await verifying.CopyToAsync(output, 5);
        return output.ToArray();
    }

    [Fact]
    public async Task ChunkDigests_MatchSha256OfEachChunk_WhenComputedFromAStream()
    {
        var content = Content(40);
        var chunks = await ChunkDigestBuilder.ComputeAsync(new MemoryStream(content), Chunk, CancellationToken.None);
        Assert.Equal(3, chunks.Count);
        Assert.Equal(SHA256.HashData(content.AsSpan(32, 8)), chunks.Digest(2).ToArray());
        Assert.Equal(8, chunks.LengthOf(2));
    }

    [Theory]
    [InlineData(0, 40)]
    [InlineData(5, 3)]
    [InlineData(15, 2)]
    [InlineData(17, 23)]
    [InlineData(39, 1)]
    public async Task Read_DeliversExactlyTheRange_WhenBytesAreIntact(long offset, long length)
    {
        var content = Content(40);
        var chunks = await ChunkDigestBuilder.ComputeAsync(new MemoryStream(content), Chunk, CancellationToken.None);
        Assert.Equal(content.AsSpan((int)offset, (int)length).ToArray(), await ReadAsync(content, chunks, offset, length));
    }

    [Fact]
    public async Task Read_StopsBeforeTheBadChunk_WhenAByteIsFlipped()
    {
        var content = Content(40);
        var chunks = await ChunkDigestBuilder.ComputeAsync(new MemoryStream(content), Chunk, CancellationToken.None);
        var tampered = (byte[])content.Clone();
        tampered[20] ^= 0x01;

        var aligned = VerifyingReadStream.AlignedRange(chunks, 0, 40);
        await using var verifying = new VerifyingReadStream(new MemoryStream(tampered), chunks, aligned.Offset, 40);
        var output = new MemoryStream();
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => verifying.CopyToAsync(output, 4));
        Assert.Equal(FailureKind.Mismatch, e.Failure);
        // Only the first, verified chunk left; not one byte of the tampered chunk.
        Assert.Equal(content.AsSpan(0, Chunk).ToArray(), output.ToArray());
        Assert.Equal(Chunk, verifying.Delivered);
    }

    [Fact]
    public async Task Read_Throws_WhenTheRangedChunkIsTamperedEvenIfTheWantedBytesAreNot()
    {
        var content = Content(40);
        var chunks = await ChunkDigestBuilder.ComputeAsync(new MemoryStream(content), Chunk, CancellationToken.None);
        var tampered = (byte[])content.Clone();
        tampered[31] ^= 0x80;
        await Assert.ThrowsAsync<ContentIntegrityException>(() => ReadAsync(tampered, chunks, 17, 2));
    }

    [Fact]
    public async Task Read_ReportsTruncation_WhenTheObjectIsShort()
    {
        var content = Content(40);
        var chunks = await ChunkDigestBuilder.ComputeAsync(new MemoryStream(content), Chunk, CancellationToken.None);
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => ReadAsync(content[..35], chunks, 30, 10));
        Assert.Equal(FailureKind.Truncated, e.Failure);
    }

    [Fact]
    public void AlignedRange_CoversOnlyTheTouchedChunks()
    {
        var chunks = new ChunkDigests(100, Chunk, new byte[ChunkDigests.CountFor(100, Chunk) * 32]);
        var range = VerifyingReadStream.AlignedRange(chunks, 33, 20);
        Assert.Equal(32, range.Offset);
        Assert.Equal(32, range.Length);
        Assert.Equal(96, VerifyingReadStream.AlignedRange(chunks, 99, 1).Offset);
        Assert.Equal(4, VerifyingReadStream.AlignedRange(chunks, 99, 1).Length);
    }
}
