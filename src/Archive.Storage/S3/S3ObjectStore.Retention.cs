using Amazon.S3;
using Amazon.S3.Model;

namespace Archive.Storage.S3;

/// <summary>The object lock's retain-until date, where the bucket has Object Lock.</summary>
public sealed partial class S3ObjectStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// Asks GetObjectRetention only where Object Lock was detected (<see cref="StoreCapabilities.Retention"/>); an
    /// object without a retention setting reports null. Not exercised by s3rver, which has no Object Lock.
    /// </remarks>
    public async Task<DateTimeOffset?> GetRetainedUntilAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        if (!(await GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false)).Retention)
        {
            return null;
        }

        try
        {
            var response = await _client.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return response.Retention?.RetainUntilDate is { } until
                ? new DateTimeOffset(DateTime.SpecifyKind(until.ToUniversalTime(), DateTimeKind.Utc), TimeSpan.Zero)
                : null;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NoSuchObjectLockConfiguration" or "NoSuchKey")
        {
            return null;
        }
        catch (Exception e) when (S3Errors.IsBackendFailure(e, cancellationToken))
        {
            throw S3Errors.Translate(e, Bucket, key);
        }
    }
}
