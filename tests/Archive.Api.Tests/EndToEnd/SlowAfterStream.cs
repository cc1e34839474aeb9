namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Passes another stream through at full speed until <paramref name="slowAfter"/> bytes, then signals <see cref="Reached"/>
/// and goes on at a trickle (64 KiB every 20 ms), so that a test can kill the server while the bytes still stream.
/// </summary>
internal sealed class SlowAfterStream(Stream inner, long slowAfter) : Stream
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    public Task Reached => _reached.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= slowAfter)
        {
            _reached.TrySetResult();
            await Task.Delay(20, cancellationToken);
            buffer = buffer[..Math.Min(buffer.Length, 64 << 10)];
        }
        else
        {
            buffer = buffer[..(int)Math.Min(buffer.Length, slowAfter - _position)];
        }

        var read = await inner.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // HttpClient reads asynchronously; a synchronous read would only block a thread on the trickle.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
