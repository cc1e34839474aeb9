namespace Archive.Core.Streams;

/// <summary>
/// The base of every read-side wrapper: a forward-only, read-only stream over an inner stream that may bound each
/// read (<see cref="Allow"/>) and sees every chunk it passes on (<see cref="Observe"/>). It counts the bytes passed on
/// (<see cref="Position"/>) and disposes the inner stream unless told to leave it open.
/// </summary>
public abstract class ReadThroughStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private bool _innerClosed;
    private long _read;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The stream read.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    protected ReadThroughStream(Stream inner, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <summary>The number of bytes passed on so far; cannot be set.</summary>
    /// <exception cref="NotSupportedException">On set.</exception>
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    /// <summary>The stream read.</summary>
    protected Stream Inner => _inner;

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var allowed = buffer.IsEmpty ? 0 : Allow(buffer.Length);
        return allowed == 0 ? 0 : Pass(buffer[.._inner.Read(buffer[..allowed])]);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = buffer.IsEmpty ? 0 : Allow(buffer.Length);
        if (allowed == 0)
        {
            return 0;
        }
        var read = await _inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
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

    /// <summary>How many of the <paramref name="requested"/> bytes the next read may take (0 ends the stream).</summary>
    /// <param name="requested">The caller's buffer length, at least 1.</param>
    /// <returns>By default all of them.</returns>
    protected virtual int Allow(int requested) => requested;

    /// <summary>Sees one chunk as it is read, before the caller does; may throw to stop the read.</summary>
    /// <param name="chunk">The bytes just read (empty at the end of the inner stream).</param>
    protected virtual void Observe(ReadOnlySpan<byte> chunk)
    {
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen && !_innerClosed)
        {
            _innerClosed = true;
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (!_leaveOpen && !_innerClosed)
        {
            _innerClosed = true;
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
        // The inner stream is closed already; this releases what subclasses hold.
        Dispose();
    }

    private int Pass(ReadOnlySpan<byte> chunk)
    {
        Observe(chunk);
        _read = checked(_read + chunk.Length);
        return chunk.Length;
    }
}
