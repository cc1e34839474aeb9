using System.Security.Cryptography;
using Archive.Core.Streams;
using Archive.Storage;

namespace Archive.Integrity.Custody;

/// <summary>
/// Hands on a byte range of an object only after each chunk it touches has been checked against its sealed
/// <see cref="ChunkDigests"/>: a chunk is read whole into a buffer, hashed, compared, and only then released. On a
/// mismatch or a short read it throws <see cref="ContentIntegrityException"/> and none of that chunk's bytes leave.
/// Memory is one chunk, whatever the object's size. It reads asynchronously only: each chunk comes from a store.
/// </summary>
public sealed class VerifyingReadStream : ReadThroughStream
{
    private readonly ChunkDigests _chunks;
    private readonly long _end;
    private readonly byte[] _buffer;
    private long _position;
    private int _chunk;
    private int _bufferStart;
    private int _bufferEnd;

    /// <summary>Creates the stream.</summary>
    /// <param name="source">The object's bytes from <see cref="AlignedRange"/>'s offset on; disposed with this stream.</param>
    /// <param name="chunks">The sealed chunk digests.</param>
    /// <param name="offset">The first byte to deliver.</param>
    /// <param name="length">How many bytes to deliver.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the object.</exception>
    public VerifyingReadStream(Stream source, ChunkDigests chunks, long offset, long length)
        : base(source, leaveOpen: false)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(checked(offset + length), chunks.Size, nameof(length));
        _chunks = chunks;
        _position = offset;
        _end = offset + length;
        _chunk = (int)(offset / chunks.ChunkSize);
        _buffer = new byte[Math.Min(chunks.ChunkSize, Math.Max(chunks.Size, 1))];
    }

    /// <summary>The chunk-aligned range to read from the store so that <paramref name="offset"/>..+<paramref name="length"/> can be verified.</summary>
    /// <param name="chunks">The sealed chunk digests.</param>
    /// <param name="offset">The first byte wanted.</param>
    /// <param name="length">How many bytes are wanted (at least 1).</param>
    public static ByteRange AlignedRange(ChunkDigests chunks, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var start = offset / chunks.ChunkSize * chunks.ChunkSize;
        var lastChunk = (offset + length - 1) / chunks.ChunkSize;
        var end = Math.Min(chunks.Size, (lastChunk + 1) * chunks.ChunkSize);
        return new ByteRange(start, end - start);
    }

    /// <summary>Bytes delivered so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>Bytes delivered so far; cannot be set.</summary>
    /// <exception cref="NotSupportedException">On set.</exception>
    public override long Position { get => Delivered; set => throw new NotSupportedException(); }

    /// <summary>Not supported: verification reads each chunk from a store, asynchronously.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override int Read(Span<byte> buffer) => throw new NotSupportedException("VerifyingReadStream reads asynchronously only.");

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= _end || buffer.IsEmpty)
        {
            return 0;
        }

        if (_bufferStart == _bufferEnd)
        {
            await LoadChunkAsync(cancellationToken);
        }

        var take = Math.Min(buffer.Length, _bufferEnd - _bufferStart);
        _buffer.AsMemory(_bufferStart, take).CopyTo(buffer);
        _bufferStart += take;
        _position += take;
        Delivered += take;
        return take;
    }

    private async Task LoadChunkAsync(CancellationToken ct)
    {
        var chunkStart = (long)_chunk * _chunks.ChunkSize;
        var length = _chunks.LengthOf(_chunk);
        var filled = 0;
        try
        {
            while (filled < length)
            {
                var read = await Inner.ReadAsync(_buffer.AsMemory(filled, length - filled), ct);
                if (read == 0)
                {
                    throw new ContentIntegrityException(FailureKind.Truncated, $"Chunk {_chunk} ended after {filled} of {length} bytes.");
                }

                filled += read;
            }
        }
        catch (Exception e) when (e is StorageException or IOException)
        {
            throw new ContentIntegrityException(FailureKind.Unreadable, $"Chunk {_chunk} could not be read.", e);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_buffer.AsSpan(0, length), digest);
        if (!digest.SequenceEqual(_chunks.Digest(_chunk)))
        {
            throw new ContentIntegrityException(FailureKind.Mismatch, $"Chunk {_chunk} does not have its sealed SHA-256.");
        }

        _bufferStart = (int)(_position - chunkStart);
        _bufferEnd = (int)(Math.Min(_end, chunkStart + length) - chunkStart);
        _chunk++;
    }
}
