using System.Security.Cryptography;

namespace Archive.Integrity.Custody;

/// <summary>Computes <see cref="ChunkDigests"/> incrementally while bytes stream past (one pass, constant memory).</summary>
public sealed class ChunkDigestBuilder : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _digests = new();
    private readonly int _chunkSize;
    private long _size;
    private int _inChunk;

    /// <summary>Creates a builder.</summary>
    /// <param name="chunkSize">The chunk size in bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is not positive.</exception>
    public ChunkDigestBuilder(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _chunkSize = chunkSize;
    }

    /// <summary>Adds the next bytes of the object.</summary>
    /// <param name="data">The bytes.</param>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, _chunkSize - _inChunk);
            _hash.AppendData(data[..take]);
            _inChunk += take;
            _size += take;
            data = data[take..];
            if (_inChunk == _chunkSize)
            {
                _digests.Write(_hash.GetHashAndReset());
                _inChunk = 0;
            }
        }
    }

    /// <summary>Finishes the last chunk and returns the list.</summary>
    public ChunkDigests Complete()
    {
        if (_inChunk > 0)
        {
            _digests.Write(_hash.GetHashAndReset());
            _inChunk = 0;
        }

        return new ChunkDigests(_size, _chunkSize, _digests.ToArray());
    }

    /// <summary>Computes the chunk digests of a whole stream.</summary>
    /// <param name="content">The content, read to its end.</param>
    /// <param name="chunkSize">The chunk size.</param>
    /// <param name="ct">Cancels the reading.</param>
    public static async Task<ChunkDigests> ComputeAsync(Stream content, int chunkSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var builder = new ChunkDigestBuilder(chunkSize);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            builder.Append(buffer.AsSpan(0, read));
        }

        return builder.Complete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _hash.Dispose();
        _digests.Dispose();
    }
}
