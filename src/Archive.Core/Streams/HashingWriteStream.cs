using System.Security.Cryptography;

namespace Archive.Core.Streams;

/// <summary>
/// The write-side wrapper: passes asynchronous writes through to another stream (which it does not own), counting
/// and hashing with SHA-256 exactly the bytes the inner stream accepted.
/// </summary>
/// <param name="inner">The stream written, e.g. a response body.</param>
public sealed class HashingWriteStream(Stream inner) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    /// <summary>The SHA-256 of the bytes written so far, in lower-case hex.</summary>
    /// <returns>The hex digest.</returns>
    public string Sha256Hex() => Convert.ToHexStringLower(_sha256.GetCurrentHash());

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Counted only once the inner write returned: a failed write delivered nothing we can vouch for.
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _sha256.AppendData(buffer.Span);
        BytesWritten = checked(BytesWritten + buffer.Length);
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Not supported: synchronous writes would block a request thread.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Synchronous writes would block a request thread; write asynchronously.");

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <summary>Not supported: flush asynchronously.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Flush() => throw new NotSupportedException("Flush asynchronously.");

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
        }
        base.Dispose(disposing);
    }
}
