using Archive.Storage;
using Archive.Storage.Digests;

namespace Archive.Integrity.Custody;

/// <summary>
/// Re-reads a stored object once and recomputes size, SHA-256, SM3 and the chunk digests in that one pass, compared
/// with what was sealed (固定性校验). Reads are throttled by the process's <see cref="ReadRateLimiter"/>.
/// </summary>
public sealed class ObjectVerifier(CustodyOptions options, ReadRateLimiter limiter)
{
    private const int BufferSize = 256 * 1024;

    /// <summary>Checks an object against its sealed size and digests.</summary>
    /// <param name="store">The copy's store.</param>
    /// <param name="key">The object's key there.</param>
    /// <param name="size">The sealed size.</param>
    /// <param name="sha256">The sealed SHA-256 (hex).</param>
    /// <param name="sm3">The sealed SM3 (hex), or null when none was sealed.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <returns>The outcome; a failure is a result, never an exception.</returns>
    public async Task<ObjectCheck> CheckAsync(IObjectStore store, string key, long size, string sha256, string? sm3, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        long read = 0;
        try
        {
            await using var stream = await store.GetAsync(key, null, ct);
            // SM3 on a second core where there is one (as at upload): the throttle above bounds the run's rate, not this.
            using var digest = new MultiDigest();
            using var chunks = new ChunkDigestBuilder(options.ChunkSize);
            var buffer = new byte[BufferSize];
            int n;
            while ((n = await stream.ReadAsync(buffer, ct)) > 0)
            {
                read += n;
                if (read > size)
                {
                    return new ObjectCheck(FailureKind.WrongSize, read, null, null);
                }

                await digest.AppendAsync(buffer.AsMemory(0, n), ct);
                chunks.Append(buffer.AsSpan(0, n));
                await limiter.ThrottleAsync(n, ct);
            }

            if (read < size)
            {
                return new ObjectCheck(FailureKind.Truncated, read, null, null);
            }

            var digests = await digest.CompleteAsync(ct);
            var matches = digests.Sha256Hex == sha256 && (sm3 is null || digests.Sm3Hex == sm3);
            return new ObjectCheck(matches ? null : FailureKind.Mismatch, read, digests, chunks.Complete());
        }
        catch (ObjectNotFoundException)
        {
            return new ObjectCheck(FailureKind.Missing, read, null, null);
        }
        catch (Exception e) when (e is StorageException or IOException)
        {
            return new ObjectCheck(FailureKind.Unreadable, read, null, null);
        }
    }
}
