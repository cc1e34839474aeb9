namespace Archive.Storage.Streams;

/// <summary>A forward-only read-through stream that shows every chunk it passes on to <see cref="Observe"/>.</summary>
public abstract class ReadObservingStream(Stream inner) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Pass(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer) => Pass(buffer[..inner.Read(buffer)]);

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Pass(buffer.Span[..read]);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    /// <summary>Sees one chunk as it is read; may throw to stop the read.</summary>
    protected abstract void Observe(ReadOnlySpan<byte> chunk);

    private int Pass(ReadOnlySpan<byte> chunk)
    {
        Observe(chunk);
        return chunk.Length;
    }
}
