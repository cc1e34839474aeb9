using System.Buffers;
using Archive.Storage.Internal;
using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ObjectLock;
using Minio.Exceptions;

namespace Archive.Storage.S3;

/// <summary>
/// An <see cref="IObjectStore"/> on an S3-compatible server (MinIO in production, s3rver in tests), path-style.
/// Puts go through the Minio SDK: one PUT below 5 MiB, else a multipart upload of 5 MiB parts, so memory stays
/// a few parts whatever the size; the upload completes only after the digesting stream has seen the end and
/// verified it, so a failed or mismatched put leaves nothing under the key. Listing and ranged reads use
/// <see cref="S3RestClient"/>. The SHA-256 is recorded as <c>x-amz-meta-sha256</c> when the caller gives it
/// (S3 metadata must be sent before the bytes). Object lock is detected, never assumed.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private const string Sha256Metadata = "sha256";
    // Minio's part size floor: below it the SDK sends one PUT, above it 5 MiB parts.
    private const int SinglePutLimit = 5 * 1024 * 1024;
    private const long MaxSingleCopySize = 5L * 1024 * 1024 * 1024;
    private readonly S3StoreSettings _settings;
    private readonly IMinioClient _minio;
    private readonly HttpClient _http;
    private readonly S3RestClient _rest;
    private StoreCapabilities? _capabilities;

    /// <summary>Creates a store for the bucket named in the settings.</summary>
    /// <param name="settings">Endpoint, credentials and bucket.</param>
    /// <exception cref="StoreConfigurationException">No bucket is named.</exception>
    public S3ObjectStore(S3StoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrEmpty(settings.Bucket))
        {
            throw new StoreConfigurationException("The S3 store needs a bucket name.");
        }
        _settings = settings;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        _minio = new MinioClient()
            .WithEndpoint(settings.Host, settings.Port)
            .WithCredentials(settings.AccessKey, settings.SecretKey)
            .WithRegion(settings.Region)
            .WithSSL(settings.Secure)
            .WithHttpClient(_http)
            .Build();
        _rest = new S3RestClient(settings, _http);
    }

    /// <summary>The bucket this store writes to.</summary>
    public string Bucket => _settings.Bucket;

    /// <inheritdoc/>
    public async Task<StoredObject> PutAsync(string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        options?.Validate();
        key = ObjectKey.Normalize(key);
        var declared = options?.Length ?? (content.CanSeek ? content.Length - content.Position : null);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options?.ExpectedSha256 is { } expected)
        {
            headers["x-amz-meta-" + Sha256Metadata] = Convert.ToHexStringLower(expected);
        }
        var retain = options?.RetainUntil is { } until && (await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Retention
            ? new ObjectRetentionConfiguration(until.UtcDateTime, ObjectRetentionMode.COMPLIANCE)
            : null;
        await using var source = new DigestingReadStream(content, key, declared, options?.ExpectedSha256);
        byte[]? head = null;
        try
        {
            Stream body = source;
            var size = declared ?? -1;
            if (declared is null or < SinglePutLimit)
            {
                // Unknown or small: read up to one part first. If that is everything (the read meeting the end
                // verifies it), one PUT of a known size; else 5 MiB parts of a multipart upload.
                head = ArrayPool<byte>.Shared.Rent(SinglePutLimit);
                var read = await source.ReadFullAsync(head, cancellationToken).ConfigureAwait(false);
                body = source.IsComplete ? new MemoryStream(head, 0, read) : new ConcatenatedReadStream(new MemoryStream(head, 0, read), source);
                size = source.IsComplete ? read : -1;
            }
            var args = new PutObjectArgs()
                .WithBucket(_settings.Bucket)
                .WithObject(key)
                .WithStreamData(body)
                .WithObjectSize(size)
                .WithContentType(options?.ContentType ?? "application/octet-stream")
                .WithHeaders(headers);
            if (retain is not null)
            {
                args = args.WithRetentionConfiguration(retain);
            }
            await _minio.PutObjectAsync(args, cancellationToken).ConfigureAwait(false);
            return new StoredObject(key, source.Result);
        }
        catch (Exception)
        {
            await AbortIncompleteUploadAsync(key).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (head is not null)
            {
                ArrayPool<byte>.Shared.Return(head);
            }
        }
    }

    /// <inheritdoc/>
    public Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken) =>
        _rest.GetAsync(ObjectKey.Normalize(key), range, cancellationToken);

    /// <inheritdoc/>
    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        try
        {
            var stat = await _minio.StatObjectAsync(new StatObjectArgs().WithBucket(_settings.Bucket).WithObject(key), cancellationToken).ConfigureAwait(false);
            var sha256 = stat.MetaData.FirstOrDefault(m => string.Equals(m.Key, Sha256Metadata, StringComparison.OrdinalIgnoreCase)).Value;
            return new ObjectInfo(key, stat.Size, new DateTimeOffset(stat.LastModified).ToUniversalTime(), stat.ContentType, sha256);
        }
        catch (Minio.Exceptions.ObjectNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) =>
        _rest.ListAsync(ObjectKey.NormalizePrefix(prefix), cancellationToken);

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
        if (source.Size <= MaxSingleCopySize)
        {
            // Server-side CopyObject: the destination appears when complete, metadata included.
            await _rest.CopyAsync(sourceKey, destinationKey, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Past 5 GiB only a multipart copy (UploadPartCopy) will do; the SDK's works on MinIO and AWS.
        var args = new CopyObjectArgs()
            .WithBucket(_settings.Bucket)
            .WithObject(destinationKey)
            .WithCopyObjectSource(new CopySourceObjectArgs().WithBucket(_settings.Bucket).WithObject(sourceKey));
        try
        {
            await _minio.CopyObjectAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (Minio.Exceptions.ObjectNotFoundException e)
        {
            throw new ObjectNotFoundException(sourceKey, e);
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_settings.Bucket).WithObject(ObjectKey.Normalize(key)), cancellationToken);

    /// <inheritdoc/>
    public async Task<StoreCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken)
    {
        if (_capabilities is { } known)
        {
            return known;
        }
        bool locked;
        try
        {
            var config = await _minio.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationArgs().WithBucket(_settings.Bucket), cancellationToken).ConfigureAwait(false);
            locked = string.Equals(config?.ObjectLockEnabled, ObjectLockConfiguration.LockEnabled, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is MinioException or NotImplementedException)
        {
            // No configuration, or (s3rver) "not implemented": either way no lock to rely on.
            locked = false;
        }
        return _capabilities = new StoreCapabilities(Retention: locked, ServerSideCopy: true, ContentMetadata: true);
    }

    /// <inheritdoc/>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(_settings.Bucket), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MinioException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var exists = await _minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(_settings.Bucket), cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            return;
        }
        try
        {
            await _minio.MakeBucketAsync(new MakeBucketArgs().WithBucket(_settings.Bucket).WithLocation(_settings.Region), cancellationToken).ConfigureAwait(false);
        }
        catch (MinioException)
        {
            // Another process may have created it first; anything else fails here.
            if (!await _minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(_settings.Bucket), cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose()
    {
        _minio.Dispose();
        _http.Dispose();
    }

    private async Task AbortIncompleteUploadAsync(string key)
    {
        try
        {
            // Parts of an aborted multipart upload are invisible but take space until aborted.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _minio.RemoveIncompleteUploadAsync(new RemoveIncompleteUploadArgs().WithBucket(_settings.Bucket).WithObject(key), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the original failure is what the caller needs; a lifecycle rule reaps the rest.
        }
    }
}
