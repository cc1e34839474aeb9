using System.Text;
using Archive.Storage.Digests;
using Archive.Storage.Tests.Support;

namespace Archive.Storage.Tests.Digests;

/// <summary>
/// <see cref="Sm3"/> in both of its implementations (libcrypto's <c>EVP_sm3</c> and the managed fallback): published
/// vectors, and agreement with BouncyCastle's <c>SM3Digest</c> (the independent reference) however the input is split.
/// </summary>
public class Sm3Tests
{
    public static TheoryData<bool> Implementations => new() { true, false };

    // GB/T 32905-2016 Appendix A, examples 1 and 2 (as reproduced in draft-sca-cfrg-sm3-02 Appendix A); the empty
    // message and one million 'a' as `openssl dgst -sm3` prints them.
    [Theory]
    [InlineData(true, "abc", 1, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData(false, "abc", 1, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData(true, "abcd", 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    [InlineData(false, "abcd", 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    [InlineData(true, "", 0, "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")]
    [InlineData(false, "", 0, "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")]
    [InlineData(true, "a", 1_000_000, "c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3")]
    [InlineData(false, "a", 1_000_000, "c8aaf89429554029e231941a2acc0ad61ff2a5acd8fadd25847a3a732b3b02c3")]
    public void Hash_MatchesPublishedVectors(bool libCrypto, string unit, int repeat, string expected)
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(unit, repeat)));
        Assert.Equal(expected, HashInChunks(libCrypto, message, [message.Length + 1]));
        Assert.Equal(expected, HashInChunks(libCrypto, message, [1]));
    }

    [Fact]
    public void HashData_MatchesGbT32905Example1()
    {
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(Sm3.HashData("abc"u8)));
        Span<byte> digest = stackalloc byte[Sm3.HashSizeInBytes + 3];
        Assert.Equal(Sm3.HashSizeInBytes, Sm3.HashData("abc"u8, digest));
        Assert.Equal("66c7f0f4", Convert.ToHexStringLower(digest[..4]));
    }

    [Fact]
    public void LibCrypto_IsUsed_OnThisPlatform()
    {
        // The machine's libcrypto (OpenSSL 3) has SM3: if this fails, the "libcrypto" cases below tested managed code.
        Assert.True(Sm3.UsesLibCrypto);
        using var native = new Sm3(useLibCrypto: true);
        using var managed = new Sm3(useLibCrypto: false);
        Assert.True(native.IsNative);
        Assert.False(managed.IsNative);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Hash_EqualsBouncyCastle_ForEveryLengthUpTo300_HoweverSplit(bool libCrypto)
    {
        int[][] splits = [[int.MaxValue], [1], [63], [64], [65], [7, 64, 1, 130], [3, 61, 128, 5]];
        var random = new Random(32905);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = Reference.Of(data).Sm3;
            foreach (var split in splits)
            {
                Assert.True(expected == HashInChunks(libCrypto, data, split), $"length {length}, chunks [{string.Join(",", split)}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Hash_EqualsBouncyCastle_ForLargeInputsInRandomChunks(bool libCrypto)
    {
        var random = new Random(2016);
        foreach (var length in new[] { 4096, 100_003, 1 << 20, 3 * (1 << 20) + 17 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            var chunks = Enumerable.Range(0, 64).Select(_ => random.Next(1, 70_000)).ToArray();
            Assert.Equal(Reference.Of(data).Sm3, HashInChunks(libCrypto, data, chunks));
        }
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void GetHashAndReset_StartsANewMessage(bool libCrypto)
    {
        using var sm3 = new Sm3(libCrypto);
        sm3.Append(new byte[1000]);
        _ = sm3.GetHashAndReset();
        sm3.Append("ab"u8);
        sm3.Append("c"u8);
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Convert.ToHexStringLower(sm3.GetHashAndReset()));
        Assert.Equal("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b", Convert.ToHexStringLower(sm3.GetHashAndReset()));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void GetHashAndReset_Throws_WhenDestinationIsShort(bool libCrypto)
    {
        using var sm3 = new Sm3(libCrypto);
        Assert.Throws<ArgumentException>(() => sm3.GetHashAndReset(new byte[Sm3.HashSizeInBytes - 1]));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Append_Throws_WhenDisposed(bool libCrypto)
    {
        var sm3 = new Sm3(libCrypto);
        sm3.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sm3.Append("abc"u8));
        Assert.Throws<ObjectDisposedException>(() => sm3.GetHashAndReset());
    }

    // Appends data in chunks of the given sizes, cycling through them.
    private static string HashInChunks(bool libCrypto, byte[] data, int[] chunks)
    {
        using var sm3 = new Sm3(libCrypto);
        for (int offset = 0, i = 0; offset < data.Length; i++)
        {
            var count = Math.Min(chunks[i % chunks.Length], data.Length - offset);
            sm3.Append(data.AsSpan(offset, count));
            offset += count;
        }
        return Convert.ToHexStringLower(sm3.GetHashAndReset());
    }
}
