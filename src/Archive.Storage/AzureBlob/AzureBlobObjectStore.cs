using System.Net;
using System.Runtime.CompilerServices;
using Archive.Storage.Internal;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Archive.Storage.AzureBlob;

/// <summary>
/// An <see cref="IObjectStore"/> on Azure Blob Storage (Azurite in tests), one container. Puts up to one block
/// are a single Put Blob; larger ones stage blocks (two buffers: the next read overlaps the previous upload)
/// and commit the block list only after the digesting stream has verified the end, so nothing is visible
/// before. Size, SHA-256 and SM3 are recorded as metadata at commit. Copies stage blocks from the source's
/// URL (server-side) when the service allows it, else stream through this process.
/// </summary>
public sealed partial class AzureBlobObjectStore : IObjectStore
{
    internal const int BlockSize = 8 * 1024 * 1024;
    private const string Sha256Metadata = "sha256";
    private const string Sm3Metadata = "sm3";
    private readonly BlobContainerClient _container;
    private StoreCapabilities? _capabilities;

    /// <summary>Creates a store for one container.</summary>
    /// <param name="connectionString">An Azure Storage connection string (without a <c>Container=</c> pair).</param>
    /// <param name="container">The container name.</param>
    /// <exception cref="StoreConfigurationException">The connection string or container name is malformed.</exception>
    public AzureBlobObjectStore(string connectionString, string container)
    {
        if (string.IsNullOrWhiteSpace(container))
        {
            throw new StoreConfigurationException("The Azure Blob store needs a container name.");
        }
        try
        {
            _container = new BlobContainerClient(connectionString, container);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The SDK's message may quote the connection string, account key included: never pass it on.
            throw new StoreConfigurationException("The Azure Storage connection string is malformed (expected AccountName=…;AccountKey=…;BlobEndpoint=… or a SAS).");
        }
    }

    /// <summary>The container this store writes to.</summary>
    public string Container => _container.Name;

    /// <inheritdoc/>
    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        try
        {
            var properties = (await Blob(key).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new ObjectInfo(key, properties.ContentLength, properties.LastModified, properties.ContentType, Sha256Of(properties.Metadata));
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (AzureErrors.IsBackendFailure(e))
        {
            throw AzureErrors.Translate(e, Container, key);
        }
    }

    /// <inheritdoc/>
    public async Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        var options = new BlobDownloadOptions();
        if (range is { } r)
        {
            options.Range = new HttpRange(r.Offset, r.Length);
        }
        try
        {
            var result = (await Blob(key).DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false)).Value;
            if (range is { } asked && result.Details.ContentLength == 0)
            {
                // A range that starts inside the object has at least one byte; Azurite answers 200 and nothing past the end.
                await result.Content.DisposeAsync().ConfigureAwait(false);
                throw new RangeNotSatisfiableException(key, asked, null);
            }
            return result.Content;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new RangeNotSatisfiableException(key, range!.Value, null, e);
        }
        catch (Exception e) when (AzureErrors.IsBackendFailure(e))
        {
            throw AzureErrors.Translate(e, Container, key);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKey.NormalizePrefix(prefix);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix.Length == 0 ? null : prefix }, cancellationToken);
        await using var items = pages.GetAsyncEnumerator(cancellationToken);
        while (await CallAsync(async () => await items.MoveNextAsync().ConfigureAwait(false), null).ConfigureAwait(false))
        {
            var item = items.Current;
            yield return new ObjectInfo(
                item.Name,
                item.Properties.ContentLength ?? 0,
                item.Properties.LastModified ?? DateTimeOffset.UnixEpoch,
                item.Properties.ContentType,
                Sha256Of(item.Metadata));
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var blob = Blob(ObjectKey.Normalize(key));
        return CallAsync(() => blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken), null);
    }

    /// <inheritdoc/>
    public async Task<StoreCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken)
    {
        if (_capabilities is { } known)
        {
            return known;
        }
        var properties = (await CallAsync(() => _container.GetPropertiesAsync(cancellationToken: cancellationToken), null).ConfigureAwait(false)).Value;
        var copy = await CallAsync(() => ProbeServerSideCopyAsync(cancellationToken), null).ConfigureAwait(false);
        return _capabilities = new StoreCapabilities(
            Retention: properties.HasImmutableStorageWithVersioning,
            ServerSideCopy: copy,
            ContentMetadata: true,
            WriteOnce: properties.HasImmutableStorageWithVersioning);
    }

    /// <inheritdoc/>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException or AggregateException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) =>
        CallAsync(() => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken), null);

    private BlockBlobClient Blob(string key) => _container.GetBlockBlobClient(key);

    /// <summary>Runs one SDK call and translates its failure; <paramref name="key"/> names the blob for "not found".</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, string? key)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (AzureErrors.IsBackendFailure(e))
        {
            throw AzureErrors.Translate(e, Container, key);
        }
    }

    private async Task CallAsync(Func<Task> call, string? key) =>
        await CallAsync(async () => { await call().ConfigureAwait(false); return true; }, key).ConfigureAwait(false);

    private static string? Sha256Of(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(Sha256Metadata, out var value) ? value : null;

    private static string NewUploadId() => Guid.NewGuid().ToString("N");

    // Fixed-length ids, unique per upload so concurrent writers of one key never mix their blocks.
    private static string BlockId(string uploadId, int index) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{uploadId}-{index:D6}"));
}
