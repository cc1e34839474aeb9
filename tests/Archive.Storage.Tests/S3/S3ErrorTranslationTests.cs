using Archive.Storage.S3;
using Archive.Testing;

namespace Archive.Storage.Tests.S3;

/// <summary>
/// SDK and network failures leave the S3 adapter as the port's exceptions only, with "transient?" answered:
/// a closed port may open again, a missing bucket or a refused signature will not fix itself.
/// </summary>
public sealed class S3ErrorTranslationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EveryCall_ThrowsTransientStoreUnavailable_WhenEndpointIsClosed()
    {
        // Port 1 on loopback: connection refused at once (after the SDK's retries).
        using var store = new S3ObjectStore(S3StoreSettings.Parse("s3://a:b@127.0.0.1:1/x?secure=false"));
        var failures = new List<StoreUnavailableException>
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("a/b", null, None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.StatAsync("a/b", None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync("a/b", new MemoryStream([1, 2, 3]), null, None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.EnsureReadyAsync(None)),
        };
        Assert.All(failures, e => Assert.True(e.IsTransient, e.Message));
        Assert.All(failures, e => Assert.Equal("storage.unavailable", e.Code));
        Assert.False(await store.IsHealthyAsync(None));
    }

    [Fact]
    public async Task DataCalls_ThrowPermanentStoreUnavailable_WhenBucketIsMissing()
    {
        using var store = new S3ObjectStore(S3StoreSettings.Parse(TestServices.S3) with { Bucket = TestServices.UniqueName("missing") });
        var failures = new List<StoreUnavailableException>
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("a/b", null, None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync("a/b", new MemoryStream([1, 2, 3]), null, None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            {
                await foreach (var _ in store.ListAsync("", None))
                {
                }
            }),
        };
        Assert.All(failures, e => Assert.False(e.IsTransient, e.Message));
        Assert.All(failures, e => Assert.Contains(store.Bucket, e.Message, StringComparison.Ordinal));
        // HEAD has no error body: a missing bucket holds no object.
        Assert.Null(await store.StatAsync("a/b", None));
    }

    [Fact]
    public async Task Calls_ThrowPermanentStoreUnavailable_WhenAccessKeyIsUnknown()
    {
        var settings = S3StoreSettings.Parse(TestServices.S3);
        using var good = new S3ObjectStore(settings with { Bucket = TestServices.UniqueName("t") });
        await good.EnsureReadyAsync(None);
        // s3rver does not verify SigV4 signatures, so an unknown access key is the refusal it can make.
        using var wrong = new S3ObjectStore(settings with { Bucket = good.Bucket, AccessKey = "UNKNOWNKEY", SecretKey = "not-the-secret" });

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => wrong.PutAsync("a/b", new MemoryStream([1]), null, None));

        Assert.False(e.IsTransient);
        Assert.DoesNotContain("not-the-secret", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ThrowsObjectNotFound_NotAnSdkException_WhenKeyIsMissing()
    {
        using var store = new S3ObjectStore(S3StoreSettings.Parse(TestServices.S3) with { Bucket = TestServices.UniqueName("t") });
        await store.EnsureReadyAsync(None);

        var e = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync("目录/不存在.pdf", null, None));

        Assert.Equal("目录/不存在.pdf", e.Key);
    }
}
