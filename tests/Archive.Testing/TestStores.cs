using Archive.Storage;
using Archive.Storage.AzureBlob;
using Archive.Storage.S3;

namespace Archive.Testing;

/// <summary>Fresh stores on the real services: a new temp folder, bucket or container each time, with the cleanup that
/// removes what the test left (the folder; the objects of a bucket or container).</summary>
public static class TestStores
{
    /// <summary>A fresh store of <paramref name="kind"/>: <c>file</c>, <c>s3</c> (s3rver) or <c>azure</c> (Azurite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public static Task<(IObjectStore Store, Func<Task> Cleanup)> CreateAsync(string kind) => kind switch
    {
        "file" => FileSystemAsync(),
        "s3" => S3Async(),
        "azure" => AzureAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown store kind"),
    };

    public static async Task<(IObjectStore Store, Func<Task> Cleanup)> FileSystemAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "archive-storage-tests", Guid.NewGuid().ToString("N"));
        var store = ObjectStoreFactory.Create("file:" + root);
        await store.EnsureReadyAsync(CancellationToken.None);
        return (store, () =>
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

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
