using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace Archive.Storage.Tests.Support;

/// <summary>Digests computed without MultiDigest (plain SHA256 and BouncyCastle SM3, one thread), as the independent reference.</summary>
public static class Reference
{
    public static (string Sha256, string Sm3) Of(ReadOnlySpan<byte> data)
    {
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(data);
        var out3 = new byte[32];
        sm3.DoFinal(out3, 0);
        return (Convert.ToHexStringLower(SHA256.HashData(data)), Convert.ToHexStringLower(out3));
    }

    public static async Task<(long Size, string Sha256, string Sm3)> OfAsync(Stream stream)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sm3 = new SM3Digest();
        var buffer = new byte[1 << 20];
        long size = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            sm3.BlockUpdate(buffer, 0, n);
            size += n;
        }
        var out3 = new byte[32];
        sm3.DoFinal(out3, 0);
        return (size, Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(out3));
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            return memory.ToArray();
        }
    }
}
