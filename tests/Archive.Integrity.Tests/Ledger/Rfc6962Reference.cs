using System.Security.Cryptography;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>
/// The Merkle Tree Hash exactly as RFC 6962 §2.1 defines it (recursive, no stored hashes), as an independent
/// reference for the ledger's roots.
/// </summary>
internal static class Rfc6962Reference
{
    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    public static byte[] Root(IReadOnlyList<byte[]> leafHashes, int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData([]);
        }
        if (count == 1)
        {
            return leafHashes[start];
        }
        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }
        return SHA256.HashData([0x01, .. Root(leafHashes, start, k), .. Root(leafHashes, start + k, count - k)]);
    }
}
