using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3.Model;
using Archive.Storage.Internal;

namespace Archive.Storage.S3;

/// <summary>
/// Server-side copies: CopyObject up to <see cref="MultipartCopyThreshold"/>, a multipart copy (UploadPartCopy,
/// one request per part, the bytes never leave the server) past it. The SDK sends the copy source with its
/// <c>/</c> unescaped, as S3 documents it, so keys with folders and Chinese names copy on every server.
/// </summary>
public sealed partial class S3ObjectStore
{
    /// <inheritdoc/>
    public async Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        sourceKey = ObjectKey.Normalize(sourceKey);
        destinationKey = ObjectKey.Normalize(destinationKey);
        var source = await StatAsync(sourceKey, cancellationToken).ConfigureAwait(false) ?? throw new ObjectNotFoundException(sourceKey);
        if (sourceKey == destinationKey)
        {
            return;
        }
        if (source.Size <= MultipartCopyThreshold)
        {
            // CopyObject: the destination appears when complete, metadata included.
            var request = new CopyObjectRequest { SourceBucket = Bucket, SourceKey = sourceKey, DestinationBucket = Bucket, DestinationKey = destinationKey };
            await CallAsync(() => _client.CopyObjectAsync(request, cancellationToken), sourceKey, cancellationToken).ConfigureAwait(false);
            return;
        }
        await CopyMultipartAsync(source, destinationKey, cancellationToken).ConfigureAwait(false);
    }

    private async Task CopyMultipartAsync(ObjectInfo source, string destinationKey, CancellationToken cancellationToken)
    {
        // A multipart upload does not inherit the source's metadata: carry content type and SHA-256 over.
        var target = new UploadTarget(destinationKey, source.ContentType ?? "application/octet-stream", source.Sha256Hex, null);
        var uploadId = await StartUploadAsync(target, cancellationToken).ConfigureAwait(false);
        var partSize = PartSize(source.Size);
        var parts = new List<PartETag>();
        var serverSide = true;
        try
        {
            for (long offset = 0; offset < source.Size; offset += partSize)
            {
                var length = (int)Math.Min(partSize, source.Size - offset);
                string? etag = null;
                if (serverSide)
                {
                    (etag, serverSide) = await CopyPartAsync(source.Key, target, uploadId, parts.Count + 1, offset, length, cancellationToken).ConfigureAwait(false);
                }
                PartCopied?.Invoke(parts.Count + 1, etag is not null);
                etag ??= await CopyPartThroughClientAsync(source.Key, target, uploadId, parts.Count + 1, offset, length, cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(parts.Count + 1, etag));
            }
            await CompleteUploadAsync(destinationKey, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortQuietlyAsync(destinationKey, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>UploadPartCopy of one range; (null, false) when the server does not implement it.</summary>
    private async Task<(string? ETag, bool ServerSide)> CopyPartAsync(string sourceKey, UploadTarget target, string uploadId, int partNumber, long offset, int length, CancellationToken cancellationToken)
    {
        var request = new CopyPartRequest
        {
            SourceBucket = Bucket,
            SourceKey = sourceKey,
            DestinationBucket = Bucket,
            DestinationKey = target.Key,
            UploadId = uploadId,
            PartNumber = partNumber,
            FirstByte = offset,
            LastByte = offset + length - 1,
        };
        try
        {
            var response = await _client.CopyPartAsync(request, cancellationToken).ConfigureAwait(false);
            return (response.ETag, true);
        }
        catch (AmazonServiceException e) when (e.StatusCode == HttpStatusCode.NotImplemented)
        {
            return (null, false);
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, sourceKey);
        }
    }

    /// <summary>
    /// s3rver shim: s3rver 3.7 answers UploadPartCopy with 501 NotImplemented, so there (and on any server that
    /// does the same) a part is read with a ranged GET into a pooled buffer and uploaded. MinIO, Ceph RGW and AWS
    /// implement UploadPartCopy and never reach this.
    /// </summary>
    private async Task<string> CopyPartThroughClientAsync(string sourceKey, UploadTarget target, string uploadId, int partNumber, long offset, int length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await using (var part = await GetAsync(sourceKey, new ByteRange(offset, length), cancellationToken).ConfigureAwait(false))
            {
                int read;
                try
                {
                    read = await part.ReadFullAsync(buffer, length, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
                {
                    throw S3Errors.Translate(e, Bucket, sourceKey);
                }
                if (read != length)
                {
                    throw new StoreUnavailableException($"S3 returned {read} of {length} bytes of '{sourceKey}' at {offset}: the object changed during the copy.", isTransient: false);
                }
            }
            return await UploadPartAsync(target, uploadId, partNumber, buffer, length, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
