using System.Text;
using Archive.Storage.Digests;
using Archive.Storage.Tests.Support;
using Archive.Testing;

namespace Archive.Storage.Tests.Digests;

public class MultiDigestTests
{
    // GB/T 32905-2016 Appendix A, examples 1 and 2, as reproduced in draft-sca-cfrg-sm3-02 Appendix A
    // (https://datatracker.ietf.org/doc/html/draft-sca-cfrg-sm3-02); also what OpenSSL 3 `dgst -sm3` prints.
    // Note: example 2 ends in …9c0c5732 (not …2f4ec732, as one brief had it).
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public async Task Sm3_MatchesGbT32905AppendixA_WhenGivenTheStandardExamples(string message, string expected)
    {
        Assert.Equal(expected, MultiDigest.Compute(Encoding.ASCII.GetBytes(message)).Sm3Hex);
        Assert.Equal(expected, (await DigestInChunksAsync(Encoding.ASCII.GetBytes(message), 1, parallel: true)).Sm3Hex);
    }

    // FIPS 180-2 Appendix B.1 and B.2; NIST CSRC "SHA256.pdf" examples
    // (https://csrc.nist.gov/CSRC/media/Projects/Cryptographic-Standards-and-Guidelines/documents/examples/SHA256.pdf).
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Sha256_MatchesNistVectors(string message, string expected) =>
        Assert.Equal(expected, MultiDigest.Compute(Encoding.ASCII.GetBytes(message)).Sha256Hex);

    // One million 'a': SHA-256 from FIPS 180-2 Appendix B.3; SM3 as computed by OpenSSL 3.0 (`openssl dgst -sm3`).
    // Long enough (≈4 blocks) to go through the SM3 worker.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Digests_MatchPublishedMillionA_InBothModes(bool parallel)
    {
        var data = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        var digests = await DigestInChunksAsync(data, 4093, parallel);
        Assert.Equal(1_000_000, digests.Size);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", digests.Sha256Hex);
        Assert.Equal("c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3", digests.Sm3Hex);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(MultiDigest.BlockSize, 65536)]
    [InlineData(MultiDigest.BlockSize + 1, 7)]
    [InlineData(MultiDigest.BlockSize * MultiDigest.BlocksInFlight * 3 + 12345, 1_000_003)]
    public async Task Parallel_EqualsIndependentReference_ForAnyChunking(int size, int chunk)
    {
        var data = DeterministicStream.Bytes(size);
        var (sha, sm3) = Reference.Of(data);
        var digests = await DigestInChunksAsync(data, chunk, parallel: true);
        Assert.Equal((size, sha, sm3), (digests.Size, digests.Sha256Hex, digests.Sm3Hex));
    }

    [Fact]
    public async Task ComputeAsync_EqualsInlineCompute()
    {
        var data = DeterministicStream.Bytes(5 * MultiDigest.BlockSize + 17);
        var computed = await MultiDigest.ComputeAsync(new MemoryStream(data), CancellationToken.None);
        Assert.Equal(MultiDigest.Compute(data), computed);
    }

    [Fact]
    public async Task Complete_Throws_WhenCalledTwice()
    {
        using var digest = new MultiDigest();
        await digest.CompleteAsync(CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => digest.CompleteAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => digest.AppendAsync(new byte[] { 1 }, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Dispose_StopsWorker_WhenAbandonedMidStream()
    {
        var digest = new MultiDigest(parallel: true);
        await digest.AppendAsync(new byte[MultiDigest.BlockSize * 4], CancellationToken.None);
        digest.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => digest.AppendAsync(new byte[] { 1 }, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task AppendAsync_WaitsForTheWorker_WhenEveryBlockIsInFlight()
    {
        // More blocks than the channel holds: the producer must await free slots rather than queue without bound.
        var data = DeterministicStream.Bytes(MultiDigest.BlockSize * (MultiDigest.BlocksInFlight * 4) + 3);
        var (sha, sm3) = Reference.Of(data);
        using var digest = new MultiDigest(parallel: true);
        await digest.AppendAsync(data, CancellationToken.None);
        var digests = await digest.CompleteAsync(CancellationToken.None);
        Assert.Equal((data.Length, sha, sm3), (digests.Size, digests.Sha256Hex, digests.Sm3Hex));
    }

    private static async Task<ContentDigests> DigestInChunksAsync(byte[] data, int chunk, bool parallel)
    {
        using var digest = new MultiDigest(parallel);
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            await digest.AppendAsync(data.AsMemory(offset, Math.Min(chunk, data.Length - offset)), CancellationToken.None);
        }
        return await digest.CompleteAsync(CancellationToken.None);
    }
}
