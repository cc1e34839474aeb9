using Archive.Storage;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Archive.Integrity.Custody;

/// <summary>
/// Serves sealed bytes only after they are verified (CONTRACT §8): chunk by chunk against the sealed chunk digests,
/// from the online copy unless it is known bad, else from the offline copy. A bad chunk found before anything was
/// delivered switches to the other copy; found later, it ends the stream with <see cref="ContentIntegrityException"/>.
/// Either way the bad copy is marked failed and an immediate repair is scheduled. Content without recorded chunk
/// digests (sealed before they existed) gets them here, from a copy that verifies whole against both sealed digests.
/// A copy whose store does not answer (a transient <see cref="StoreUnavailableException"/> before the first byte: an
/// outage, not damage) is skipped for the other copy without being marked failed, and logged; when no copy's store
/// answers, the store's error is thrown (503 <c>storage.unavailable</c>).
/// </summary>
public sealed class VerifiedReader(
    CustodyStores stores, ChunkDigestStore chunkStore, CustodyRegistry registry, CustodyOptions options, IRepairScheduler repairs, IClock clock,
    ILogger<VerifiedReader> logger)
{
    private static readonly Action<ILogger, CopyKind, string, CopyKind, Exception?> s_unreachable = LoggerMessage.Define<CopyKind, string, CopyKind>(
        LogLevel.Warning, new EventId(4300, "CopyStoreUnreachable"), "The {Copy} store did not answer for {Key}; reading the {Other} copy, verified like any other");

    private const int BufferSize = 128 * 1024;
    private readonly ObjectVerifier _verifier = new(options, new ReadRateLimiter(0));

    /// <summary>Writes bytes <paramref name="offset"/>..+<paramref name="length"/> of the object onto <paramref name="body"/>, verified.</summary>
    /// <param name="item">The object.</param>
    /// <param name="offset">The first byte.</param>
    /// <param name="length">How many bytes (0 only for an empty object).</param>
    /// <param name="body">Where the verified bytes go.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="ContentLostException">Neither copy holds the sealed bytes; nothing was written.</exception>
    /// <exception cref="ContentIntegrityException">A copy went bad after some verified bytes were written.</exception>
    /// <exception cref="StoreUnavailableException">A copy's store did not answer and no other copy could be read.</exception>
    public async Task WriteAsync(ReadableObject item, long offset, long length, Stream body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(body);
        var chunks = await ChunksAsync(item, ct);
        if (length == 0)
        {
            return;
        }

        var onlineState = await registry.StateAsync(CopyKind.Online, item.OnlineKey, ct);
        if (onlineState == CustodyRegistry.Lost)
        {
            // A run found both copies bad: refuse before the first byte rather than cut a response short.
            throw new ContentLostException(item.ProjectCode, item.Version, item.Path);
        }

        var order = onlineState == CustodyRegistry.Failed
            ? new[] { CopyKind.Offline, CopyKind.Online }
            : [CopyKind.Online, CopyKind.Offline];
        StoreUnavailableException? unreachable = null;
        foreach (var copy in order)
        {
            VerifyingReadStream verifying;
            try
            {
                verifying = await OpenAsync(copy, item, chunks, offset, length, ct);
            }
            catch (StoreUnavailableException e) when (e.IsTransient)
            {
                s_unreachable(logger, copy, item.KeyIn(copy), copy == CopyKind.Online ? CopyKind.Offline : CopyKind.Online, null);
                unreachable = e;
                continue;
            }

            try
            {
                await using (verifying)
                {
                    var buffer = new byte[BufferSize];
                    int n;
                    while ((n = await verifying.ReadAsync(buffer, ct)) > 0)
                    {
                        await body.WriteAsync(buffer.AsMemory(0, n), ct);
                    }
                }

                return;
            }
            catch (ContentIntegrityException)
            {
                await ReportAsync(copy, item, ct);
                if (verifying.Delivered > 0)
                {
                    throw;
                }
            }
        }

        if (unreachable is not null)
        {
            // One copy's store is down and the other copy is bad or down too: the content may well be intact.
            throw unreachable;
        }

        throw new ContentLostException(item.ProjectCode, item.Version, item.Path);
    }

    /// <summary>The sealed chunk digests of the object, recorded now from a verified copy when missing.</summary>
    /// <param name="item">The object.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ContentLostException">No copy verifies.</exception>
    public async Task<ChunkDigests> ChunksAsync(ReadableObject item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await chunkStore.FindAsync(item.Sha256, ct) is { } recorded)
        {
            return recorded;
        }

        foreach (var copy in new[] { CopyKind.Online, CopyKind.Offline })
        {
            var check = await _verifier.CheckAsync(stores.Of(copy), item.KeyIn(copy), item.Size, item.Sha256, item.Sm3, ct);
            if (check is { Verified: true, Chunks: { } chunks })
            {
                return await chunkStore.SaveAsync(item.Sha256, chunks, ct);
            }

            await ReportAsync(copy, item, ct);
        }

        throw new ContentLostException(item.ProjectCode, item.Version, item.Path);
    }

    private async Task<VerifyingReadStream> OpenAsync(CopyKind copy, ReadableObject item, ChunkDigests chunks, long offset, long length, CancellationToken ct)
    {
        Stream source;
        try
        {
            source = await stores.Of(copy).GetAsync(item.KeyIn(copy), VerifyingReadStream.AlignedRange(chunks, offset, length), ct);
        }
        catch (Exception e) when (e is StorageException or IOException && e is not StoreUnavailableException { IsTransient: true })
        {
            // Missing or cut short: the verifying stream reports it as a short first chunk.
            source = Stream.Null;
        }

        return new VerifyingReadStream(source, chunks, offset, length);
    }

    private async Task ReportAsync(CopyKind copy, ReadableObject item, CancellationToken ct)
    {
        // Versions sealed before custody existed are registered on their first failure, so the repair job finds them.
        await registry.RegisterAsync(
        [
            new(CopyKind.Online, item.OnlineKey, item.ProjectCode, item.Version, item.Path, item.Size, item.Sha256, item.Sm3, item.OfflineKey),
            new(CopyKind.Offline, item.OfflineKey, item.ProjectCode, item.Version, item.Path, item.Size, item.Sha256, item.Sm3, item.OnlineKey),
        ], clock.GetCurrentInstant(), ct);
        if (await registry.StateAsync(copy, item.KeyIn(copy), ct) != CustodyRegistry.Lost)
        {
            await registry.SetStateAsync(copy, item.KeyIn(copy), CustodyRegistry.Failed, clock.GetCurrentInstant(), ct);
        }

        repairs.Schedule(copy, item.KeyIn(copy));
    }
}
