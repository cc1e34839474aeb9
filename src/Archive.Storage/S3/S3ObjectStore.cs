using System.Buffers;
using System.Globalization;
using Archive.Storage.Internal;
using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ObjectLock;
using Minio.Exceptions;

namespace Archive.Storage.S3;

/// <summary>
/// An <see cref="IObjectStore"/> on an S3-compatible server (MinIO in production, s3rver in tests), path-style.
/// Puts are signed REST calls (<see cref="S3RestClient"/>): one PUT up to one part, else a multipart upload
/// through two reused part buffers (the next read overlaps the previous part's upload), so memory is two parts
/// (16 MiB each for unknown lengths) whatever the size; the upload completes only after the digesting stream has
/// seen the end and verified it, so a failed or mismatched put leaves nothing under the key (the upload is
/// aborted). Listing, ranged reads and copies up to 5 GiB are REST calls too; the Minio SDK does stat, delete,
/// bucket and object-lock calls. The SHA-256 is recorded as <c>x-amz-meta-sha256</c> when the caller gives it
/// (S3 metadata must be sent before the bytes). Object lock is detected, never assumed.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private const string Sha256Metadata = "sha256";
    private const int MaxParts = 10_000;
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
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(30) }) { Timeout = Timeout.InfiniteTimeSpan };
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
        if (options?.RetainUntil is { } until && (await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Retention)
        {
            headers["x-amz-object-lock-mode"] = "COMPLIANCE";
            headers["x-amz-object-lock-retain-until-date"] = until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        var contentType = options?.ContentType ?? "application/octet-stream";
        var partSize = PartSize(declared);
        await using var source = new DigestingReadStream(content, key, declared, options?.ExpectedSha256);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(partSize), ArrayPool<byte>.Shared.Rent(partSize)];
        try
        {
            var read = await source.ReadFullAsync(buffers[0], partSize, cancellationToken).ConfigureAwait(false);
            if (source.IsComplete)
            {
                // One part's worth or less, already verified: a single PUT is atomic.
                await _rest.PutObjectAsync(key, buffers[0].AsMemory(0, read), headers, contentType, Locked(headers), cancellationToken).ConfigureAwait(false);
                return new StoredObject(key, source.Result);
            }
            await PutMultipartAsync(key, source, buffers, read, partSize, headers, contentType, cancellationToken).ConfigureAwait(false);
            return new StoredObject(key, source.Result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
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

    private async Task PutMultipartAsync(string key, DigestingReadStream source, byte[][] buffers, int read, int partSize, Dictionary<string, string> headers, string contentType, CancellationToken cancellationToken)
    {
        var uploadId = await _rest.CreateMultipartUploadAsync(key, headers, contentType, cancellationToken).ConfigureAwait(false);
        var etags = new List<string>();
        Task<string>? pending = null;
        try
        {
            for (var current = 0; read > 0; current ^= 1)
            {
                if (pending is not null)
                {
                    etags.Add(await pending.ConfigureAwait(false));
                }
                pending = _rest.UploadPartAsync(key, uploadId, etags.Count + 1, buffers[current].AsMemory(0, read), Locked(headers), cancellationToken);
                // The read that meets the end verifies digest and length; on a mismatch it throws and the upload is aborted.
                read = await source.ReadFullAsync(buffers[current ^ 1], partSize, cancellationToken).ConfigureAwait(false);
            }
            etags.Add(await pending!.ConfigureAwait(false));
            await _rest.CompleteMultipartUploadAsync(key, uploadId, etags, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (pending is not null)
            {
                // Its buffer goes back to the pool after this method: wait for it first.
                await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            await AbortQuietlyAsync(key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            // Parts of an unfinished upload are invisible but take space until aborted.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _rest.AbortMultipartUploadAsync(key, uploadId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the original failure is what the caller needs; a lifecycle rule reaps the rest.
        }
    }

    private static bool Locked(Dictionary<string, string> headers) => headers.ContainsKey("x-amz-object-lock-mode");

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
}
