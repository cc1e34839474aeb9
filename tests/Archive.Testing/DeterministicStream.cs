using System.Runtime.InteropServices;

namespace Archive.Testing;

/// <summary>A non-seekable stream of <c>length</c> pseudo-random bytes (xorshift64), generated on the fly, never held.</summary>
public sealed class DeterministicStream(long length, ulong seed = 0x9E3779B97F4A7C15) : Stream
{
    private ulong _state = seed == 0 ? 1 : seed;
    private long _position;
    private readonly byte[] _carry = new byte[8];
    private int _carryOffset = 8;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var span = buffer[..count];
        // Drain bytes left over from the previous 8-byte word, then whole words, then a partial word.
        while (_carryOffset < 8 && !span.IsEmpty)
        {
            span[0] = _carry[_carryOffset++];
            span = span[1..];
        }
        var words = MemoryMarshal.Cast<byte, ulong>(span[..(span.Length & ~7)]);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Next();
        }
        span = span[(words.Length * 8)..];
        if (!span.IsEmpty)
        {
            BitConverter.TryWriteBytes(_carry, Next());
            _carryOffset = 0;
            while (!span.IsEmpty)
            {
                span[0] = _carry[_carryOffset++];
                span = span[1..];
            }
        }
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public static byte[] Bytes(int length, ulong seed = 7)
    {
        var bytes = new byte[length];
        using var stream = new DeterministicStream(length, seed);
        stream.ReadExactly(bytes);
        return bytes;
    }

    private ulong Next()
    {
        var x = _state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return _state = x;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
