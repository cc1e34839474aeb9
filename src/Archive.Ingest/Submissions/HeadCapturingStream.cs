namespace Archive.Ingest.Submissions;

/// <summary>A read-through stream that keeps the first bytes it passes on, for signature checks without a second read.</summary>
internal sealed class HeadCapturingStream(Stream inner, int capacity) : Stream
{
    private readonly byte[] _head = new byte[capacity];
    private int _captured;

    /// <summary>The leading bytes seen so far (at most the capacity).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _captured);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Capture(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Capture(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Capture(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Capture(ReadOnlySpan<byte> read)
    {
        var take = Math.Min(read.Length, _head.Length - _captured);
        read[..take].CopyTo(_head.AsSpan(_captured));
        _captured += take;
        return read.Length;
    }
}
