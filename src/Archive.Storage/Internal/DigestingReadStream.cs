using Archive.Storage.Digests;

namespace Archive.Storage.Internal;

/// <summary>
/// A read-only pass-through that digests every byte it hands out, so a put reads its content exactly once.
/// The read that reaches the end (the inner stream's end, or the announced length) completes the digests and
/// verifies length and expected SHA-256; on a mismatch that read throws instead of returning, so a consumer
/// that commits only after seeing the end (multipart complete, block-list commit, rename) never commits.
/// </summary>
internal sealed class DigestingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _key;
    private readonly long? _declaredLength;
    private readonly byte[]? _expectedSha256;
    private readonly MultiDigest _digest = new();
    private ContentDigests? _result;

    public DigestingReadStream(Stream inner, string key, long? declaredLength, byte[]? expectedSha256)
    {
        _inner = inner;
        _key = key;
        _declaredLength = declaredLength;
        _expectedSha256 = expectedSha256;
    }

    /// <summary>The digests, available once the end has been read and verified.</summary>
    public ContentDigests Result => _result ?? throw new InvalidOperationException("The content has not been read to its end.");

    public bool IsComplete => _result is not null;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _declaredLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => _digest.Size;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_result is not null || buffer.IsEmpty)
        {
            return 0;
        }
        if (_declaredLength is { } declared && declared - _digest.Size < buffer.Length)
        {
            buffer = buffer[..(int)(declared - _digest.Size)];
        }
        var read = buffer.IsEmpty ? 0 : await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            await _digest.AppendAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
        }
        if (read == 0 || _digest.Size == _declaredLength)
        {
            await FinishAsync(cancellationToken).ConfigureAwait(false);
        }
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads and digests whatever the consumer left unread, then verifies (used when a consumer stops early).</summary>
    public async Task<ContentDigests> DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
        return Result;
    }

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_declaredLength is { } declared)
        {
            if (_digest.Size < declared)
            {
                throw new ContentLengthMismatchException(_key, declared, longer: false);
            }
            var probe = new byte[1];
            if (await _inner.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new ContentLengthMismatchException(_key, declared, longer: true);
            }
        }
        var digests = await _digest.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (_expectedSha256 is not null && !digests.Sha256.AsSpan().SequenceEqual(_expectedSha256))
        {
            throw new DigestMismatchException(_key, Convert.ToHexStringLower(_expectedSha256), digests.Sha256Hex);
        }
        _result = digests;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _digest.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
