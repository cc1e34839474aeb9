using System.Security.Cryptography;
using Archive.Integrity.Custody;

namespace Archive.Integrity.Tests.Custody;

public sealed class ChunkDigestReadStreamTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(40, 1)]
    [InlineData(40, 5)]
    [InlineData(48, 16)]
    [InlineData(1000, 333)]
    public async Task Complete_GivesTheChunkDigestsOfWhatWasRead_HoweverTheReadsAreSplit(int size, int readSize)
    {
        var content = Enumerable.Range(0, size).Select(i => unchecked((byte)((i * 31) + 7))).ToArray();
        await using var reading = new ChunkDigestReadStream(new MemoryStream(content), 16);
        var copy = new MemoryStream();
        await reading.CopyToAsync(copy, readSize);

        var chunks = reading.Complete();
        Assert.Equal(content, copy.ToArray());
        Assert.Equal(size, chunks.Size);
        Assert.Equal((size + 15) / 16, chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var start = i * 16;
            Assert.Equal(SHA256.HashData(content.AsSpan(start, Math.Min(16, size - start))), chunks.Digest(i).ToArray());
        }
    }
}
