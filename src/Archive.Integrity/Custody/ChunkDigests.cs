using System.Security.Cryptography;

namespace Archive.Integrity.Custody;

/// <summary>
/// The SHA-256 of every fixed-size chunk of one object (分块摘要), so that any byte range can be verified by reading
/// only the chunks it touches. The last chunk may be shorter; an empty object has no chunks.
/// </summary>
public sealed class ChunkDigests
{
    /// <summary>The default chunk size: 1 MiB.</summary>
    public const int DefaultChunkSize = 1024 * 1024;

    private readonly byte[] _digests;

    /// <summary>Creates the list.</summary>
    /// <param name="size">The object's size in bytes.</param>
    /// <param name="chunkSize">The chunk size in bytes.</param>
    /// <param name="digests">The chunks' SHA-256 digests, concatenated (32 bytes each).</param>
    /// <exception cref="ArgumentException">The digests do not match the number of chunks.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative or the chunk size not positive.</exception>
    public ChunkDigests(long size, int chunkSize, byte[] digests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentNullException.ThrowIfNull(digests);
        if (digests.LongLength != CountFor(size, chunkSize) * (long)SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("The digests do not match the number of chunks.", nameof(digests));
        }

        Size = size;
        ChunkSize = chunkSize;
        _digests = digests;
    }

    /// <summary>The object's size in bytes.</summary>
    public long Size { get; }

    /// <summary>The chunk size in bytes.</summary>
    public int ChunkSize { get; }

    /// <summary>The number of chunks.</summary>
    public int Count => _digests.Length / SHA256.HashSizeInBytes;

    /// <summary>How many chunks an object of this size has.</summary>
    /// <param name="size">The object's size.</param>
    /// <param name="chunkSize">The chunk size.</param>
    public static int CountFor(long size, int chunkSize) => checked((int)((size + chunkSize - 1) / chunkSize));

    /// <summary>The SHA-256 of chunk <paramref name="index"/>.</summary>
    /// <param name="index">The chunk, from 0.</param>
    public ReadOnlySpan<byte> Digest(int index) => _digests.AsSpan(index * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes);

    /// <summary>The length of chunk <paramref name="index"/>.</summary>
    /// <param name="index">The chunk, from 0.</param>
    public int LengthOf(int index) => (int)Math.Min(ChunkSize, Size - ((long)index * ChunkSize));

    /// <summary>The concatenated digests (a copy).</summary>
    public byte[] ToArray() => (byte[])_digests.Clone();

    /// <summary>The chunk digests as lower-case hex strings, in order.</summary>
    public IEnumerable<string> HexDigests()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Convert.ToHexStringLower(Digest(i));
        }
    }
}
