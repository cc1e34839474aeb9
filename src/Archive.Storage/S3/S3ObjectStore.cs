using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Archive.Storage.S3;

/// <summary>
/// An <see cref="IObjectStore"/> on an S3-compatible server (MinIO, Ceph RGW or AWS in production, s3rver in
/// tests), path-style, through one client: AWSSDK.S3 (why not the Minio SDK: see <c>S3/README.md</c>). Puts up
/// to one part are one PutObject; larger ones a multipart upload through two pooled part buffers (the next read
/// overlaps the previous part's upload), so memory is two parts whatever the size; the upload completes only
/// after the digesting stream has seen the end and verified it, so a failed or mismatched put leaves nothing
/// under the key (the upload is aborted). Copies past <see cref="MultipartCopyThreshold"/> (5 GiB, the S3
/// limit of CopyObject) are multipart copies (UploadPartCopy). The SHA-256 is recorded as
/// <c>x-amz-meta-sha256</c> when the caller gives it. Object lock is detected, never assumed. SDK and network
/// errors leave as <see cref="ObjectNotFoundException"/> or <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed partial class S3ObjectStore : IObjectStore, IDisposable
{
    private const string Sha256Metadata = "x-amz-meta-sha256";
    private readonly S3StoreSettings _settings;
    private readonly AmazonS3Client _client;
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
        var config = new AmazonS3Config
        {
            ServiceURL = settings.BaseUri.ToString(),
            AuthenticationRegion = settings.Region,
            // Path-style works on every S3-compatible server; virtual hosts need DNS that MinIO and RGW rarely have.
            ForcePathStyle = true,
            // Flexible checksums (SDK v4's default) are not understood by many S3-compatible servers; the bodies
            // are protected by their signed SHA-256 instead (see the puts).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromMinutes(5),
            MaxErrorRetry = 3,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
        S3rverCompatibility.Apply(_client);
    }

    /// <summary>The bucket this store writes to.</summary>
    public string Bucket => _settings.Bucket;

    /// <summary>Objects larger than this are copied part by part (UploadPartCopy); lowered by tests only.</summary>
    internal long MultipartCopyThreshold { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Told of each part a multipart copy writes (part number, copied server-side?); for tests.</summary>
    internal Action<int, bool>? PartCopied { get; init; }

    /// <inheritdoc/>
    public async Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        var request = new GetObjectRequest { BucketName = Bucket, Key = key };
        if (range is { } r)
        {
            request.ByteRange = new Amazon.S3.Model.ByteRange(r.ToHttpHeaderValue());
        }
        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new RangeNotSatisfiableException(key, range!.Value, null, e);
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, key);
        }
        if (range is { Offset: > 0 } or { Length: not null } && response.HttpStatusCode != HttpStatusCode.PartialContent)
        {
            // A server that ignores the range would hand over the wrong bytes.
            response.Dispose();
            throw new StoreUnavailableException($"S3 ignored the range {range} of '{key}' (HTTP {(int)response.HttpStatusCode}).", isTransient: false);
        }
        return response.ResponseStream;
    }

    /// <inheritdoc/>
    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        try
        {
            var stat = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            var modified = stat.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
            return new ObjectInfo(key, stat.ContentLength, modified, stat.Headers.ContentType, stat.Metadata[Sha256Metadata]);
        }
        catch (AmazonServiceException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // HEAD has no body: a missing key and a missing bucket look alike, and neither holds the object.
            return null;
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, key);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKey.NormalizePrefix(prefix);
        // ListObjects version 1 with the last key as marker, which every S3 server answers. (s3rver shim: its
        // version 2 continuation tokens are DES-encrypted, which Node's OpenSSL 3 refuses with HTTP 500.)
        string? marker = null;
        do
        {
            var request = new ListObjectsRequest { BucketName = Bucket, Prefix = prefix.Length > 0 ? prefix : null, Marker = marker, MaxKeys = 1000 };
            var page = await CallAsync(() => _client.ListObjectsAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
            string? lastKey = null;
            foreach (var item in page.S3Objects ?? [])
            {
                lastKey = item.Key;
                var modified = item.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
                yield return new ObjectInfo(item.Key, item.Size ?? 0, modified, null, null);
            }
            marker = page.IsTruncated == true ? page.NextMarker ?? lastKey : null;
        }
        while (marker is not null);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        return CallAsync(() => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken), null, cancellationToken);
    }

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
            var response = await _client.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = Bucket }, cancellationToken).ConfigureAwait(false);
            locked = response.ObjectLockConfiguration?.ObjectLockEnabled == ObjectLockEnabled.Enabled;
        }
        catch (AmazonServiceException e) when (e.ErrorCode != "NoSuchBucket" && (int)e.StatusCode is >= 400 and < 500 or (int)HttpStatusCode.NotImplemented)
        {
            // No configuration (404), not allowed or (s3rver) not implemented: no lock to rely on. Transport
            // failures are not cached as "no lock": they throw, and the next call asks again.
            locked = false;
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, null);
        }
        return _capabilities = new StoreCapabilities(Retention: locked, ServerSideCopy: true, ContentMetadata: true, WriteOnce: locked);
    }

    /// <inheritdoc/>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await BucketExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var request = new PutBucketRequest { BucketName = Bucket };
        if (!string.Equals(_settings.Region, "us-east-1", StringComparison.Ordinal))
        {
            request.BucketRegionName = _settings.Region;
        }
        try
        {
            await CallAsync(() => _client.PutBucketAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            // Another process may have created it first; anything else fails here.
            if (!await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _client.Dispose();

    private async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonServiceException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, null);
        }
    }

    /// <summary>Runs one SDK call and translates its failure; <paramref name="key"/> names the object for "not found".</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, string? key, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, key);
        }
    }
}
