using Archive.Storage.AzureBlob;
using Archive.Storage.FileSystem;
using Archive.Storage.S3;
using Archive.Storage.Tests.Support;
using Archive.Testing;
using Xunit.Abstractions;

namespace Archive.Storage.Tests.Contract;

public sealed class FileSystemObjectStoreTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "archive-storage-tests", Guid.NewGuid().ToString("N"));
    private FileSystemObjectStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new FileSystemObjectStore(_root);
        await _store.EnsureReadyAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Put_LeavesNoTemporaryFile_WhenItFailsOrSucceeds()
    {
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("a/b.bin", new FailingStream(3 * 1024 * 1024), null, CancellationToken.None));
        await _store.PutAsync("a/c.bin", new MemoryStream([1, 2]), null, CancellationToken.None);
        Assert.Equal([Path.Combine(_root, "a", "c.bin")], Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Put_WritesKeyAsPlainFileUnderRoot()
    {
        await _store.PutAsync("staging/1/招标文件/第一册.pdf", new MemoryStream([1, 2, 3]), null, CancellationToken.None);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_root, "staging", "1", "招标文件", "第一册.pdf")));
    }

    [Fact]
    public async Task EveryOperation_Refuses_WhenKeyPassesThroughSymbolicLinkOutOfRoot()
    {
        var outside = Path.Combine(Path.GetTempPath(), "archive-storage-tests", "outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(outside, "secret"), [42]);
            Directory.CreateSymbolicLink(Path.Combine(_root, "link"), outside);
            await Assert.ThrowsAsync<InvalidObjectKeyException>(() => _store.GetAsync("link/secret", null, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidObjectKeyException>(() => _store.PutAsync("link/new", new MemoryStream([1]), null, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidObjectKeyException>(() => _store.DeleteAsync("link/secret", CancellationToken.None));
            Assert.True(File.Exists(Path.Combine(outside, "secret")));
            Assert.False(File.Exists(Path.Combine(outside, "new")));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Put_RefusesReservedTemporaryNames()
    {
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => _store.PutAsync("a/.~put-x", new MemoryStream([1]), null, CancellationToken.None));
    }

    [Fact]
    public async Task Health_IsFalse_WhenRootIsMissing()
    {
        Assert.False(await new FileSystemObjectStore(Path.Combine(_root, "missing")).IsHealthyAsync(CancellationToken.None));
    }
}

public sealed class S3ObjectStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IObjectStore _store = null!;
    private Func<Task> _cleanup = null!;

    public async Task InitializeAsync() => (_store, _cleanup) = await TestStores.S3Async();

    public Task DisposeAsync() => _cleanup();

    // s3rver pages at 1000 keys: the listing must follow the continuation token.
    [Fact]
    public async Task List_FollowsContinuation_WhenMoreThan1000Keys()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, 1003), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await _store.PutAsync($"many/{i:D5}", new MemoryStream([1]), null, ct));
        var count = 0;
        await foreach (var _ in _store.ListAsync("many/", CancellationToken.None))
        {
            count++;
        }
        Assert.Equal(1003, count);
    }

    [Fact]
    public async Task Capabilities_ReportNoObjectLock_OnS3rver()
    {
        var capabilities = await _store.GetCapabilitiesAsync(CancellationToken.None);
        output.WriteLine($"s3rver: {capabilities}");
        Assert.Equal(new StoreCapabilities(Retention: false, ServerSideCopy: true, ContentMetadata: true, WriteOnce: false), capabilities);
        Assert.False(capabilities.Worm);
    }

    [Fact]
    public async Task Health_IsFalse_WhenBucketIsMissing()
    {
        using var missing = (S3ObjectStore)ObjectStoreFactory.Create(TestServices.S3, TestServices.UniqueName("missing"));
        Assert.False(await missing.IsHealthyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Health_IsFalse_WhenEndpointIsDown()
    {
        using var down = (S3ObjectStore)ObjectStoreFactory.Create("s3://a:b@127.0.0.1:1/?secure=false", "x");
        Assert.False(await down.IsHealthyAsync(CancellationToken.None));
    }
}

public sealed class AzureBlobObjectStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IObjectStore _store = null!;
    private Func<Task> _cleanup = null!;

    public async Task InitializeAsync() => (_store, _cleanup) = await TestStores.AzureAsync();

    public Task DisposeAsync() => _cleanup();

    [Fact]
    public async Task Capabilities_AreDetected_AndLeaveNoProbeBehind()
    {
        var capabilities = await _store.GetCapabilitiesAsync(CancellationToken.None);
        output.WriteLine($"Azurite: {capabilities}");
        Assert.False(capabilities.Retention);
        Assert.False(capabilities.Worm); // Azurite enforces no immutability policy: no lock is claimed
        Assert.False(capabilities.WriteOnce);
        Assert.True(capabilities.ContentMetadata);
        await foreach (var item in _store.ListAsync("", CancellationToken.None))
        {
            Assert.Fail($"left behind: {item.Key}");
        }
    }

    [Fact]
    public async Task Put_RecordsBothDigestsAsMetadata()
    {
        var data = DeterministicStream.Bytes(9 * 1024 * 1024);
        var stored = await _store.PutAsync("m/x", new MemoryStream(data), null, CancellationToken.None);
        var info = await _store.StatAsync("m/x", CancellationToken.None);
        Assert.Equal(stored.Digests.Sha256Hex, info!.Sha256Hex);
    }

    [Fact]
    public async Task Health_IsFalse_WhenContainerIsMissing()
    {
        var missing = new AzureBlobObjectStore(TestServices.Azure, TestServices.UniqueName("missing"));
        Assert.False(await missing.IsHealthyAsync(CancellationToken.None));
    }
}
