using System.Net;
using Archive.Storage.Digests;
using Archive.Storage.Internal;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace Archive.Storage.AzureBlob;

/// <summary>Puts and copies.</summary>
public sealed partial class AzureBlobObjectStore
{
    private const long CopyBlockSize = 64L * 1024 * 1024;

    /// <inheritdoc/>
    public async Task<StoredObject> PutAsync(string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        options?.Validate();
        key = ObjectKey.Normalize(key);
        var blob = Blob(key);
        var immutability = options?.RetainUntil is { } until && (await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Retention
            ? new BlobImmutabilityPolicy { ExpiresOn = until, PolicyMode = BlobImmutabilityPolicyMode.Locked }
            : null;
        var headers = new BlobHttpHeaders { ContentType = options?.ContentType ?? "application/octet-stream" };
        await using var source = new DigestingReadStream(content, key, options?.Length, options?.ExpectedSha256);
        var buffers = new[] { new byte[BlockSize], new byte[BlockSize] };
        var read = await source.ReadFullAsync(buffers[0], cancellationToken).ConfigureAwait(false);
        if (source.IsComplete)
        {
            // Fits one block: a single Put Blob is atomic on its own.
            var digests = source.Result;
            using var body = new MemoryStream(buffers[0], 0, read, writable: false);
            await CallAsync(() => blob.UploadAsync(body, new BlobUploadOptions { HttpHeaders = headers, Metadata = Metadata(digests), ImmutabilityPolicy = immutability }, cancellationToken), null).ConfigureAwait(false);
            return new StoredObject(key, digests);
        }
        var uploadId = NewUploadId();
        var blockIds = new List<string>();
        var pending = Task.CompletedTask;
        try
        {
            for (var current = 0; read > 0; current ^= 1)
            {
                await pending.ConfigureAwait(false);
                var id = BlockId(uploadId, blockIds.Count);
                blockIds.Add(id);
                pending = CallAsync(() => StageAsync(blob, id, buffers[current], read, cancellationToken), null);
                // The read that meets the end verifies digest and length; on a mismatch it throws and nothing is committed.
                read = await source.ReadFullAsync(buffers[current ^ 1], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Never leave an upload running on a buffer after leaving; its own failure surfaces here if nothing else did.
            await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await pending.ConfigureAwait(false);
        var result = source.Result;
        await CallAsync(() => blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { HttpHeaders = headers, Metadata = Metadata(result), ImmutabilityPolicy = immutability }, cancellationToken), null).ConfigureAwait(false);
        return new StoredObject(key, result);
    }

    /// <inheritdoc/>
    public async Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        sourceKey = ObjectKey.Normalize(sourceKey);
        destinationKey = ObjectKey.Normalize(destinationKey);
        var source = Blob(sourceKey);
        BlobProperties properties;
        try
        {
            properties = (await source.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(sourceKey, e);
        }
        catch (Exception e) when (AzureErrors.IsBackendFailure(e))
        {
            throw AzureErrors.Translate(e, Container, sourceKey);
        }
        if ((await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).ServerSideCopy && properties.ContentLength > 0)
        {
            await CallAsync(() => CopyByBlocksFromUrlAsync(source, Blob(destinationKey), properties, cancellationToken), sourceKey).ConfigureAwait(false);
            return;
        }
        // Streamed copy: the bytes pass through here once, digested, and must match the recorded SHA-256 if any.
        var expected = properties.Metadata.TryGetValue(Sha256Metadata, out var hex) ? Convert.FromHexString(hex) : null;
        await using var stream = await GetAsync(sourceKey, null, cancellationToken).ConfigureAwait(false);
        await PutAsync(destinationKey, stream, new PutOptions { ContentType = properties.ContentType, ExpectedSha256 = expected, Length = properties.ContentLength }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyByBlocksFromUrlAsync(BlockBlobClient source, BlockBlobClient destination, BlobProperties properties, CancellationToken cancellationToken)
    {
        // Staged blocks stay invisible until the commit: the destination appears whole or not at all.
        var sourceUri = source.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
        var uploadId = NewUploadId();
        var blockIds = new List<string>();
        for (long offset = 0; offset < properties.ContentLength; offset += CopyBlockSize)
        {
            var id = BlockId(uploadId, blockIds.Count);
            blockIds.Add(id);
            var length = Math.Min(CopyBlockSize, properties.ContentLength - offset);
            await destination.StageBlockFromUriAsync(sourceUri, id, new StageBlockFromUriOptions
            {
                SourceRange = new HttpRange(offset, length),
                SourceConditions = new RequestConditions { IfMatch = properties.ETag },
            }, cancellationToken).ConfigureAwait(false);
        }
        await destination.CommitBlockListAsync(blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = properties.ContentType },
            Metadata = properties.Metadata,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ProbeServerSideCopyAsync(CancellationToken cancellationToken)
    {
        // Detected, not assumed: stage one block from a probe blob's URL into a blob that is never committed.
        var probe = Blob($".archive-probe/{NewUploadId()}");
        if (!probe.CanGenerateSasUri)
        {
            return false;
        }
        try
        {
            using (var body = new MemoryStream([1, 2, 3, 4]))
            {
                await probe.UploadAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var sourceUri = probe.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10));
            await Blob($".archive-probe/{NewUploadId()}").StageBlockFromUriAsync(sourceUri, BlockId(NewUploadId(), 0), new StageBlockFromUriOptions(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status != 0)
        {
            // Refused (Azurite before 3.x, a SAS not allowed): streamed copies. No answer at all is not "refused".
            return false;
        }
        finally
        {
            await probe.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task StageAsync(BlockBlobClient blob, string id, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        await blob.StageBlockAsync(id, body, new BlockBlobStageBlockOptions(), cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> Metadata(ContentDigests digests) => new(StringComparer.Ordinal)
    {
        [Sha256Metadata] = digests.Sha256Hex,
        [Sm3Metadata] = digests.Sm3Hex,
    };
}
