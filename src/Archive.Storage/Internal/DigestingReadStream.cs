using Archive.Core.Streams;
using Archive.Storage.Digests;

namespace Archive.Storage.Internal;

/// <summary>
/// The put verifier: a read-only pass-through (of the <see cref="ReadThroughStream"/> family) that digests every byte
/// it hands out with <see cref="MultiDigest"/>, so a put reads its content exactly once. The read that reaches the end
/// (the inner stream's end, or the announced length) completes the digests and verifies length and expected SHA-256;
/// on a mismatch that read throws instead of returning, so a consumer that commits only after seeing the end
/// (multipart complete, block-list commit, rename) never commits. Reads are asynchronous only (the SM3 worker is
/// awaited, never waited for); the caller's content stream is left open.
/// </summary>
internal sealed class DigestingReadStream(Stream inner, string key, long? declaredLength, byte[]? expectedSha256)
    : ReadThroughStream(inner, leaveOpen: true)
{
    private readonly MultiDigest _digest = new();
    private ContentDigests? _result;

    /// <summary>The digests, available once the end has been read and verified.</summary>
    public ContentDigests Result => _result ?? throw new InvalidOperationException("The content has not been read to its end.");

    public bool IsComplete => _result is not null;

    public override long Length => declaredLength ?? throw new NotSupportedException();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_result is not null || buffer.IsEmpty)
        {
            return 0;
        }
        var read = await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            await _digest.AppendAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
        }
        if (read == 0 || _digest.Size == declaredLength)
        {
            await FinishAsync(cancellationToken).ConfigureAwait(false);
        }
        return read;
    }

    /// <summary>Not supported: digesting awaits the SM3 worker; read asynchronously.</summary>
    public override int Read(Span<byte> buffer) =>
        throw new NotSupportedException("The put verifier is read asynchronously only.");

    /// <summary>Reads and digests whatever the consumer left unread, then verifies (used when a consumer stops early).</summary>
    public async Task<ContentDigests> DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
        return Result;
    }

    protected override int Allow(int requested) =>
        declaredLength is { } declared ? (int)Math.Min(requested, declared - _digest.Size) : requested;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _digest.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (declaredLength is { } declared)
        {
            if (_digest.Size < declared)
            {
                throw new ContentLengthMismatchException(key, declared, longer: false);
            }
            var probe = new byte[1];
            if (await Inner.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new ContentLengthMismatchException(key, declared, longer: true);
            }
        }
        var digests = await _digest.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (expectedSha256 is not null && !digests.Sha256.AsSpan().SequenceEqual(expectedSha256))
        {
            throw new DigestMismatchException(key, Convert.ToHexStringLower(expectedSha256), digests.Sha256Hex);
        }
        _result = digests;
    }
}
