using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// A synthetic venue recording of any length, generated as it is read and never held in memory: a valid MP4 <c>ftyp</c>
/// box (ISO/IEC 14496-12 §4.3: size, "ftyp", major brand, minor version, compatible brands), then pseudo-random bytes
/// from SplitMix64 in counter mode, so the same (length, seed) always gives the same bytes.
/// </summary>
public sealed class RecordingStream(long length, ulong seed = 0x5EED_2026) : Stream
{
    private static readonly byte[] FtypBox = [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. "mp42isom"u8];

    private long _position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => length;

    /// <inheritdoc />
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The SHA-256 of the whole recording, computed by generating it once (streamed).</summary>
    public static async Task<byte[]> Sha256Async(long length, ulong seed = 0x5EED_2026)
    {
        await using var stream = new RecordingStream(length, seed);
        return await SHA256.HashDataAsync(stream);
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < count;)
        {
            var at = _position + i;
            if (at < FtypBox.Length)
            {
                buffer[i++] = FtypBox[at];
                continue;
            }

            // One 64-bit word per 8-byte block of the file, so any read size yields the same bytes.
            var block = (ulong)at / 8;
            BinaryPrimitives.WriteUInt64LittleEndian(word, Mix(seed + block));
            var from = (int)((ulong)at % 8);
            var take = Math.Min(8 - from, count - i);
            word.Slice(from, take).CopyTo(buffer.Slice(i, take));
            i += take;
        }

        _position += count;
        return count;
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static ulong Mix(ulong x)
    {
        // SplitMix64's finaliser (Steele, Lea, Flood 2014), unchecked by design.
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
