using System.Security.Cryptography;

namespace Archive.Integrity.Merkle;

/// <summary>
/// RFC 6962 / RFC 9162 §2.1 hashing: leaves are <c>SHA-256(0x00‖data)</c>, interior nodes
/// <c>SHA-256(0x01‖left‖right)</c>, the empty tree <c>SHA-256("")</c>.
/// </summary>
public static class TreeHashing
{
    /// <summary>The length in bytes of every tree hash.</summary>
    public const int HashSize = 32;

    /// <summary>Hashes one record (leaf): <c>SHA-256(0x00‖data)</c>.</summary>
    /// <param name="data">The record bytes.</param>
    /// <returns>The 32-byte leaf hash.</returns>
    public static byte[] RecordHash(ReadOnlySpan<byte> data)
    {
        if (data.Length < 256)
        {
            // Small records (most ledger entries are a few hundred bytes at most) avoid an incremental hasher.
            Span<byte> buffer = stackalloc byte[1 + data.Length];
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            return SHA256.HashData(buffer);
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    /// <summary>Hashes an interior node: <c>SHA-256(0x01‖left‖right)</c>.</summary>
    /// <param name="left">The left child hash.</param>
    /// <param name="right">The right child hash.</param>
    /// <returns>The 32-byte node hash.</returns>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        if (left.Length == HashSize && right.Length == HashSize)
        {
            buffer[0] = 0x01;
            left.CopyTo(buffer[1..]);
            right.CopyTo(buffer[(1 + HashSize)..]);
            return SHA256.HashData(buffer);
        }

        // Odd-sized inputs only arise from hostile proofs; hash them faithfully anyway.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x01]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The root hash of the empty tree: <c>SHA-256("")</c>.</summary>
    /// <returns>A fresh copy of the 32-byte hash.</returns>
    public static byte[] EmptyTreeHash() => SHA256.HashData(ReadOnlySpan<byte>.Empty);
}
