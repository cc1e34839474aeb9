using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Archive.Storage.Internal;

namespace Archive.Storage.S3;

/// <summary>
/// Puts: the multipart calls are driven here (not through TransferUtility) so that parts come from two
/// <see cref="ArrayPool{T}"/> buffers and the upload completes only after the content is verified. Each body is
/// sent with its SHA-256 signed (no chunked encoding), so the server rejects a part damaged on the way.
/// </summary>
public sealed partial class S3ObjectStore
{
    private const int MaxParts = 10_000;

    /// <inheritdoc/>
    public async Task<StoredObject> PutAsync(string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        options?.Validate();
        key = ObjectKey.Normalize(key);
        var declared = options?.Length ?? (content.CanSeek ? content.Length - content.Position : null);
        var target = new UploadTarget(key, options?.ContentType ?? "application/octet-stream", options?.ExpectedSha256 is { } expected ? Convert.ToHexStringLower(expected) : null, null);
        if (options?.RetainUntil is { } until && (await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Retention)
        {
            target = target with { RetainUntil = until };
        }
        var partSize = PartSize(declared);
        await using var source = new DigestingReadStream(content, key, declared, options?.ExpectedSha256);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(partSize), ArrayPool<byte>.Shared.Rent(partSize)];
        try
        {
            var read = await source.ReadFullAsync(buffers[0], partSize, cancellationToken).ConfigureAwait(false);
            if (source.IsComplete)
            {
                // One part's worth or less, already verified: a single PUT is atomic.
                var request = new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = key,
                    InputStream = new MemoryStream(buffers[0], 0, read, writable: false),
                    ContentType = target.ContentType,
                    UseChunkEncoding = false,
                };
                Describe(target, request.Metadata, out var mode, out var retainUntil);
                request.ObjectLockMode = mode;
                request.ObjectLockRetainUntilDate = retainUntil;
                request.MD5Digest = target.Locked ? Convert.ToBase64String(MD5.HashData(buffers[0].AsSpan(0, read))) : null;
                await CallAsync(() => _client.PutObjectAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
                return new StoredObject(key, source.Result);
            }
            await PutMultipartAsync(target, source, buffers, read, partSize, cancellationToken).ConfigureAwait(false);
            return new StoredObject(key, source.Result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private async Task PutMultipartAsync(UploadTarget target, DigestingReadStream source, byte[][] buffers, int read, int partSize, CancellationToken cancellationToken)
    {
        var uploadId = await StartUploadAsync(target, cancellationToken).ConfigureAwait(false);
        var parts = new List<PartETag>();
        Task<string>? pending = null;
        try
        {
            for (var current = 0; read > 0; current ^= 1)
            {
                if (pending is not null)
                {
                    parts.Add(new PartETag(parts.Count + 1, await pending.ConfigureAwait(false)));
                }
                pending = UploadPartAsync(target, uploadId, parts.Count + 1, buffers[current], read, cancellationToken);
                // The read that meets the end verifies digest and length; on a mismatch it throws and the upload is aborted.
                read = await source.ReadFullAsync(buffers[current ^ 1], partSize, cancellationToken).ConfigureAwait(false);
            }
            parts.Add(new PartETag(parts.Count + 1, await pending!.ConfigureAwait(false)));
            await CompleteUploadAsync(target.Key, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (pending is not null)
            {
                // Its buffer goes back to the pool after this method: wait for it first.
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            await AbortQuietlyAsync(target.Key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<string> StartUploadAsync(UploadTarget target, CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = Bucket, Key = target.Key, ContentType = target.ContentType };
        Describe(target, request.Metadata, out var mode, out var retainUntil);
        request.ObjectLockMode = mode;
        request.ObjectLockRetainUntilDate = retainUntil;
        var response = await CallAsync(() => _client.InitiateMultipartUploadAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
        return response.UploadId;
    }

    private async Task<string> UploadPartAsync(UploadTarget target, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var request = new UploadPartRequest
        {
            BucketName = Bucket,
            Key = target.Key,
            UploadId = uploadId,
            PartNumber = partNumber,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            PartSize = length,
            UseChunkEncoding = false,
            // S3 demands Content-MD5 on uploads that carry an object-lock retention.
            MD5Digest = target.Locked ? Convert.ToBase64String(MD5.HashData(buffer.AsSpan(0, length))) : null,
        };
        var response = await CallAsync(() => _client.UploadPartAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
        return response.ETag;
    }

    private Task CompleteUploadAsync(string key, string uploadId, List<PartETag> parts, CancellationToken cancellationToken) =>
        CallAsync(() => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId, PartETags = parts }, cancellationToken), null, cancellationToken);

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            // Parts of an unfinished upload are invisible but take space until aborted.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the original failure is what the caller needs; a lifecycle rule reaps the rest.
        }
    }

    private void Describe(UploadTarget target, MetadataCollection metadata, out ObjectLockMode? mode, out DateTime? retainUntil)
    {
        if (target.Sha256Hex is { } sha256)
        {
            metadata.Add(Sha256Metadata, sha256);
        }
        mode = !target.Locked ? null : _settings.GovernanceLock ? ObjectLockMode.Governance : ObjectLockMode.Compliance;
        retainUntil = target.RetainUntil?.UtcDateTime;
    }

    private static int PartSize(long? declared)
    {
        // S3 allows 10,000 parts: unknown lengths get 16 MiB parts (up to ~156 GiB); known ones at least 8 MiB.
        const int mib = 1024 * 1024;
        if (declared is not { } length)
        {
            return 16 * mib;
        }
        var needed = (length + MaxParts - 1) / MaxParts;
        return (int)Math.Max(8L * mib, (needed + mib - 1) / mib * mib);
    }

    /// <summary>Where an upload goes and what it records: content type, SHA-256 metadata and retention.</summary>
    private sealed record UploadTarget(string Key, string ContentType, string? Sha256Hex, DateTimeOffset? RetainUntil)
    {
        public bool Locked => RetainUntil is not null;
    }
}
