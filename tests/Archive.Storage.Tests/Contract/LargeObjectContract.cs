using System.Diagnostics;
using Archive.Storage.Digests;
using Archive.Storage.Tests.Support;
using Archive.Testing;
using Xunit.Abstractions;

namespace Archive.Storage.Tests.Contract;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeObjectCollection
{
    // Alone, after the parallel tests: the memory figures are process-wide.
    public const string Name = "Large objects (memory measured)";
}

/// <summary>
/// A 1 GiB put of bytes generated on the fly, with the process's memory sampled while it runs, then a streamed
/// read-back. Bound: 200 MiB of growth, a fifth of the object. The stores hold at most a few fixed buffers
/// (filesystem 2 × 1 MiB, Azure 2 × 8 MiB, S3 2 pooled parts of 16 MiB) plus the digest's 2 MiB; any store that kept even a fifth of the object would cross the bound.
/// </summary>
public abstract class LargeObjectContract(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Size = 1L << 30;
    private const long BoundBytes = 200L << 20;
    private static readonly Lazy<Task<(long Size, string Sha256, string Sm3)>> Expected =
        new(() => Reference.OfAsync(new DeterministicStream(Size, 42)));

    private Func<Task>? _cleanup;
    private IObjectStore _store = null!;

    protected abstract Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync();

    public async Task InitializeAsync() => (_store, _cleanup) = await CreateStoreAsync();

    public Task DisposeAsync() => _cleanup?.Invoke() ?? Task.CompletedTask;

    [Fact]
    public async Task Put_Streams1GiB_InBoundedMemory_AndReadsBackTheSameDigests()
    {
        var expected = await Expected.Value;
        using var sampler = new MemorySampler();
        var watch = Stopwatch.StartNew();
        var stored = await _store.PutAsync("large/1GiB.bin", new DeterministicStream(Size, 42), new PutOptions { ContentType = "video/mp4" }, CancellationToken.None);
        var putSeconds = watch.Elapsed.TotalSeconds;
        var (peakWorkingSet, peakManaged) = sampler.Stop();

        watch.Restart();
        ContentDigests readBack;
        await using (var stream = await _store.GetAsync("large/1GiB.bin", null, CancellationToken.None))
        {
            readBack = await MultiDigest.ComputeAsync(stream, CancellationToken.None);
        }
        var getSeconds = watch.Elapsed.TotalSeconds;

        output.WriteLine($"{GetType().Name}: put 1 GiB in {putSeconds:F1} s ({1024 / putSeconds:F0} MiB/s), " +
            $"peak growth during put: working set {peakWorkingSet / 1048576.0:F1} MiB, managed heap {peakManaged / 1048576.0:F1} MiB " +
            $"(bound {BoundBytes >> 20} MiB); streamed read-back with digests {getSeconds:F1} s ({1024 / getSeconds:F0} MiB/s)");
        Assert.Equal(expected, (stored.Size, stored.Digests.Sha256Hex, stored.Digests.Sm3Hex));
        Assert.Equal(expected, (readBack.Size, readBack.Sha256Hex, readBack.Sm3Hex));
        Assert.InRange(peakWorkingSet, long.MinValue, BoundBytes);
        Assert.InRange(peakManaged, long.MinValue, BoundBytes);
    }
}

[Collection(LargeObjectCollection.Name)]
public sealed class FileSystemLargeObject(ITestOutputHelper output) : LargeObjectContract(output)
{
    protected override Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync() => TestStores.FileSystemAsync();
}

[Collection(LargeObjectCollection.Name)]
public sealed class S3LargeObject(ITestOutputHelper output) : LargeObjectContract(output)
{
    protected override Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync() => TestStores.S3Async();
}

[Collection(LargeObjectCollection.Name)]
public sealed class AzureBlobLargeObject(ITestOutputHelper output) : LargeObjectContract(output)
{
    protected override Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync() => TestStores.AzureAsync();
}
