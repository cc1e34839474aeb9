using Archive.Storage.AzureBlob;
using Archive.Storage.FileSystem;
using Archive.Testing;

namespace Archive.Storage.Tests.Contract;

/// <summary>
/// The Azure and filesystem adapters report their backend's failures as <see cref="StoreUnavailableException"/>
/// with "transient?" answered, never as an SDK or raw I/O exception (S3: see <c>S3ErrorTranslationTests</c>).
/// </summary>
public sealed class StoreUnavailableTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Azure_ThrowsTransientStoreUnavailable_WhenEndpointIsClosed()
    {
        const string closed = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        var store = new AzureBlobObjectStore(closed, "x");

        // One call only: the SDK retries a refused connection with back-off for about 25 s before giving up.
        var get = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("a/b", null, None));

        Assert.True(get.IsTransient, get.Message);
        Assert.Equal("storage.unavailable", get.Code);
    }

    [Fact]
    public async Task Azure_ThrowsPermanentStoreUnavailable_WhenContainerIsMissing()
    {
        var store = new AzureBlobObjectStore(TestServices.Azure, TestServices.UniqueName("missing"));

        var get = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.GetAsync("a/b", null, None));
        var put = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync("a/b", new MemoryStream([1, 2, 3]), null, None));

        Assert.False(get.IsTransient, get.Message);
        Assert.False(put.IsTransient, put.Message);
        Assert.Contains(store.Container, get.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileSystem_ThrowsPermanentStoreUnavailable_WhenRootIsAFile()
    {
        var root = Path.Combine(Path.GetTempPath(), "archive-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(root)!);
        await File.WriteAllBytesAsync(root, [1]);
        try
        {
            var store = new FileSystemObjectStore(root);

            var ready = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.EnsureReadyAsync(None));
            var put = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync("a/b", new MemoryStream([1, 2, 3]), null, None));

            Assert.False(ready.IsTransient, ready.Message);
            Assert.False(put.IsTransient, put.Message);
            Assert.IsAssignableFrom<IOException>(put.InnerException);
        }
        finally
        {
            File.Delete(root);
        }
    }
}
