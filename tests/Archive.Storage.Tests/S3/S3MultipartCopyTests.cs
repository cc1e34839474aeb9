using System.Security.Cryptography;
using Archive.Storage.S3;
using Archive.Storage.Tests.Support;
using Archive.Testing;

namespace Archive.Storage.Tests.S3;

/// <summary>
/// Copies past the multipart-copy threshold (5 GiB in production, 1 MiB here) on s3rver: the destination must be
/// byte-identical and keep content type and recorded SHA-256, keys with folders and Chinese names included.
/// s3rver answers UploadPartCopy with 501, so its parts go through the client (the documented shim); on MinIO
/// or AWS the same path copies them server-side.
/// </summary>
public sealed class S3MultipartCopyTests : IAsyncLifetime
{
    private const string SourceKey = "招标文件/第 1 卷/原件.bin";
    private const string DestinationKey = "归档/2026/副本/原件.bin";
    private readonly List<(int Part, bool ServerSide)> _parts = [];
    private S3ObjectStore _store = null!;

    public async Task InitializeAsync()
    {
        var settings = S3StoreSettings.Parse(TestServices.S3) with { Bucket = TestServices.UniqueName("t") };
        _store = new S3ObjectStore(settings)
        {
            MultipartCopyThreshold = 1024 * 1024,
            PartCopied = (part, serverSide) => { lock (_parts) { _parts.Add((part, serverSide)); } },
        };
        await _store.EnsureReadyAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await foreach (var item in _store.ListAsync("", CancellationToken.None))
        {
            await _store.DeleteAsync(item.Key, CancellationToken.None);
        }
        _store.Dispose();
    }

    [Fact]
    public async Task Copy_IsMultipart_AndIdentical_WhenSourceIsPastTheThreshold()
    {
        // 20 MiB and a bit: three parts of the 8 MiB minimum part size, the last one short.
        var data = DeterministicStream.Bytes((20 << 20) + 123);
        var sha256 = SHA256.HashData(data);
        await _store.PutAsync(SourceKey, new MemoryStream(data), new PutOptions { ContentType = "application/pdf", ExpectedSha256 = sha256 }, CancellationToken.None);

        await _store.CopyAsync(SourceKey, DestinationKey, CancellationToken.None);

        Assert.Equal([1, 2, 3], _parts.Select(p => p.Part));
        var info = await _store.StatAsync(DestinationKey, CancellationToken.None);
        Assert.NotNull(info);
        Assert.Equal(data.Length, info.Size);
        Assert.Equal("application/pdf", info.ContentType);
        Assert.Equal(Convert.ToHexStringLower(sha256), info.Sha256Hex);
        await using (var copy = await _store.GetAsync(DestinationKey, null, CancellationToken.None))
        {
            Assert.Equal(data, await Reference.ReadAllAsync(copy));
        }
        // A range across the first part boundary.
        await using (var range = await _store.GetAsync(DestinationKey, new ByteRange((8 << 20) - 10, 20), CancellationToken.None))
        {
            Assert.Equal(data.AsSpan((8 << 20) - 10, 20).ToArray(), await Reference.ReadAllAsync(range));
        }
        var listed = new List<string>();
        await foreach (var item in _store.ListAsync("归档/", CancellationToken.None))
        {
            listed.Add(item.Key);
        }
        Assert.Equal([DestinationKey], listed);
    }

    [Fact]
    public async Task Copy_IsSingleRequest_AndNeverMultipart_WhenSourceIsAtTheThreshold()
    {
        var data = DeterministicStream.Bytes(1024 * 1024);
        await _store.PutAsync(SourceKey, new MemoryStream(data), null, CancellationToken.None);

        await _store.CopyAsync(SourceKey, DestinationKey, CancellationToken.None);

        Assert.Empty(_parts);
        await using var copy = await _store.GetAsync(DestinationKey, null, CancellationToken.None);
        Assert.Equal(data, await Reference.ReadAllAsync(copy));
    }

    [Fact]
    public async Task MultipartCopy_ThrowsObjectNotFound_AndLeavesNothing_WhenSourceIsMissing()
    {
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => _store.CopyAsync("无/此对象.bin", DestinationKey, CancellationToken.None));
        Assert.Null(await _store.StatAsync(DestinationKey, CancellationToken.None));
    }
}
