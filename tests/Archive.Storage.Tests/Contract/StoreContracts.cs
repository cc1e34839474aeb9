using Archive.Testing;

namespace Archive.Storage.Tests.Contract;

public sealed class FileSystemObjectStoreContract : ObjectStoreContract
{
    protected override Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync() => TestStores.FileSystemAsync();
}

public sealed class S3ObjectStoreContract : ObjectStoreContract
{
    protected override Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync() => TestStores.S3Async();
}

public sealed class AzureBlobObjectStoreContract : ObjectStoreContract
{
    protected override Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync() => TestStores.AzureAsync();
}
