using Archive.Storage.AzureBlob;
using Archive.Storage.S3;
using Archive.Testing;

namespace Archive.Storage.Tests.Support;

/// <summary>Fresh stores on the real services: a new temp folder, bucket or container each time.</summary>
public static class TestStores
{
    public static async Task<(IObjectStore Store, Func<Task> Cleanup)> FileSystemAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "archive-storage-tests", Guid.NewGuid().ToString("N"));
        var store = ObjectStoreFactory.Create("file:" + root);
        await store.EnsureReadyAsync(CancellationToken.None);
        return (store, () =>
        {
            Directory.Delete(root, recursive: true);
            return Task.CompletedTask;
        });
    }

    public static async Task<(IObjectStore Store, Func<Task> Cleanup)> S3Async()
    {
        var store = (S3ObjectStore)ObjectStoreFactory.Create(TestServices.S3, TestServices.UniqueName("t"));
        await store.EnsureReadyAsync(CancellationToken.None);
        return (store, () => DeleteAllAsync(store));
    }

    public static async Task<(IObjectStore Store, Func<Task> Cleanup)> AzureAsync()
    {
        var store = (AzureBlobObjectStore)ObjectStoreFactory.Create("azure:" + TestServices.Azure, TestServices.UniqueName("t"));
        await store.EnsureReadyAsync(CancellationToken.None);
        return (store, () => DeleteAllAsync(store));
    }

    private static async Task DeleteAllAsync(IObjectStore store)
    {
        // Frees the emulators' disk (1 GiB objects); buckets themselves are cheap.
        await foreach (var item in store.ListAsync("", CancellationToken.None))
        {
            await store.DeleteAsync(item.Key, CancellationToken.None);
        }
        (store as IDisposable)?.Dispose();
    }
}
