using Archive.Storage.FileSystem;

namespace Archive.Storage.Tests.Contract;

/// <summary>The filesystem store's file modes and its write-once seal (issue 9, points 2 and 3).</summary>
public sealed class FileSystemWriteOnceTests : IAsyncLifetime
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "archive-storage-tests", Guid.NewGuid().ToString("N"), "store");
    private FileSystemObjectStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new FileSystemObjectStore(_root);
        await _store.EnsureReadyAsync(None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PutAndCopy_CreatePrivateFilesAndFolders()
    {
        await _store.PutAsync("staging/1/a/b.bin", new MemoryStream([1, 2, 3]), null, None);
        await _store.CopyAsync("staging/1/a/b.bin", "objects/c/d.bin", None);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(_root));
        foreach (var folder in new[] { "staging", "staging/1", "staging/1/a", "objects", "objects/c" })
        {
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(_root, folder)));
        }

        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_root, "staging/1/a/b.bin")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_root, "objects/c/d.bin")));
    }

    [Fact]
    public async Task Put_SealsTheFile_AndRefusesToOverwriteIt_WhenWrittenWithRetention()
    {
        var until = new PutOptions { RetainUntil = DateTimeOffset.UnixEpoch.AddYears(100) };
        await _store.PutAsync("v/1/manifest.json", new MemoryStream([1, 2, 3]), until, None);
        await _store.PutAsync("staging/x", new MemoryStream([9]), null, None);

        var put = await Assert.ThrowsAsync<ObjectRetainedException>(() => _store.PutAsync("v/1/manifest.json", new MemoryStream([6, 6, 6]), null, None));
        var retainedPut = await Assert.ThrowsAsync<ObjectRetainedException>(() => _store.PutAsync("v/1/manifest.json", new MemoryStream([6]), until, None));
        var copy = await Assert.ThrowsAsync<ObjectRetainedException>(() => _store.CopyAsync("staging/x", "v/1/manifest.json", None));

        Assert.Equal(("storage.retained", Archive.Core.Errors.ErrorKind.Conflict), (put.Code, put.Kind));
        Assert.NotNull(retainedPut);
        Assert.NotNull(copy);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(_root, "v/1/manifest.json")));
        Assert.True(_store.IsSealed("v/1/manifest.json"));
        Assert.False(_store.IsSealed("staging/x"));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(_root, "v/1/manifest.json")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "v/1"), FileSystemObjectStore.TempPrefix + "*"));
    }

    [Fact]
    public async Task Put_ReplacesASealedFile_OnlyAsARepair_AndKeepsItSealed()
    {
        await _store.PutAsync("v/1/item", new MemoryStream([1, 2, 3]), new PutOptions { RetainUntil = DateTimeOffset.UnixEpoch.AddYears(100) }, None);

        await _store.PutAsync("v/1/item", new MemoryStream([4, 5, 6]), new PutOptions { ReplaceRetained = true }, None);

        Assert.Equal([4, 5, 6], await File.ReadAllBytesAsync(Path.Combine(_root, "v/1/item")));
        Assert.True(_store.IsSealed("v/1/item"));
    }

    [Fact]
    public async Task Capabilities_ReportWriteOnce_ButNotWorm()
    {
        var capabilities = await _store.GetCapabilitiesAsync(None);

        Assert.True(capabilities.WriteOnce);
        Assert.False(capabilities.Worm); // the machine's administrator can make a read-only file writable again
    }
}
