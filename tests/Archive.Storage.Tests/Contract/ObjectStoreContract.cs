using System.Security.Cryptography;
using Archive.Storage.Tests.Support;
using Archive.Testing;

namespace Archive.Storage.Tests.Contract;

/// <summary>What every <see cref="IObjectStore"/> must do; one subclass per adapter, each with a fresh store.</summary>
public abstract partial class ObjectStoreContract : IAsyncLifetime
{
    private Func<Task>? _cleanup;

    protected IObjectStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    protected abstract Task<(IObjectStore Store, Func<Task> Cleanup)> CreateStoreAsync();

    public async Task InitializeAsync() => (Store, _cleanup) = await CreateStoreAsync();

    public Task DisposeAsync() => _cleanup?.Invoke() ?? Task.CompletedTask;

    public static TheoryData<int, bool> Sizes => new()
    {
        { 0, true }, { 0, false }, { 13, true }, { 65536, false },
        { 5 * 1024 * 1024, true }, { 5 * 1024 * 1024, false },
        { 9 * 1024 * 1024 + 7, false }, { 16 * 1024 * 1024, false }, { 17 * 1024 * 1024 + 1, true },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Put_RoundTripsBytesAndDigests_ForEmptySmallAndMultiMiB(int size, bool seekable)
    {
        var data = DeterministicStream.Bytes(size, (ulong)size + 1);
        var (sha, sm3) = Reference.Of(data);
        Stream content = seekable ? new MemoryStream(data) : new NonSeekableStream(new MemoryStream(data));

        var stored = await Store.PutAsync($"round/{size}-{seekable}.bin", content, new PutOptions { ContentType = "application/pdf" }, None);

        Assert.Equal((size, sha, sm3), (stored.Size, stored.Digests.Sha256Hex, stored.Digests.Sm3Hex));
        Assert.Equal(data, await Reference.ReadAllAsync(await Store.GetAsync(stored.Key, null, None)));
        var info = await Store.StatAsync(stored.Key, None);
        Assert.NotNull(info);
        Assert.Equal(size, info.Size);
        Assert.InRange(info.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        if ((await Store.GetCapabilitiesAsync(None)).ContentMetadata)
        {
            Assert.Equal("application/pdf", info.ContentType);
        }
    }

    [Fact]
    public async Task Put_RecordsSha256_WhenExpectedDigestGivenAndStoreKeepsMetadata()
    {
        var data = DeterministicStream.Bytes(1000);
        var sha = SHA256.HashData(data);
        await Store.PutAsync("meta/a.bin", new MemoryStream(data), new PutOptions { ExpectedSha256 = sha }, None);
        var info = await Store.StatAsync("meta/a.bin", None);
        var expected = (await Store.GetCapabilitiesAsync(None)).ContentMetadata ? Convert.ToHexStringLower(sha) : null;
        Assert.Equal(expected, info!.Sha256Hex);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(100, 50)]
    [InlineData(9990, null)]
    [InlineData(500, null)]
    [InlineData(9995, 100)]
    [InlineData(9999, 1)]
    public async Task Get_ReturnsRange_FromStartMiddleEndAndOpenEnded(long offset, int? length)
    {
        var data = DeterministicStream.Bytes(10_000);
        await Store.PutAsync("range/x.bin", new MemoryStream(data), null, None);
        var got = await Reference.ReadAllAsync(await Store.GetAsync("range/x.bin", new ByteRange(offset, length), None));
        var end = (int)Math.Min(data.Length, offset + (length ?? data.Length));
        Assert.Equal(data[(int)offset..end], got);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(10_001)]
    [InlineData(1L << 40)]
    public async Task Get_ThrowsRangeNotSatisfiable_WhenRangeStartsAtOrPastTheEnd(long offset)
    {
        await Store.PutAsync("range/y.bin", new MemoryStream(new byte[10_000]), null, None);
        var e = await Assert.ThrowsAsync<RangeNotSatisfiableException>(() => Store.GetAsync("range/y.bin", new ByteRange(offset, 10), None));
        Assert.Equal("range/y.bin", e.Key);
    }

    [Fact]
    public async Task MissingObject_IsNotFoundOnGetAndCopy_NullOnStat_AndDeleteIsANoOp()
    {
        var get = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync("missing/招标文件.pdf", null, None));
        Assert.Equal("missing/招标文件.pdf", get.Key);
        Assert.Contains("missing/招标文件.pdf", get.Message);
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync("missing/x", new ByteRange(0, 1), None));
        Assert.Null(await Store.StatAsync("missing/招标文件.pdf", None));
        var copy = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.CopyAsync("missing/a", "missing/b", None));
        Assert.Equal("missing/a", copy.Key);
        Assert.Null(await Store.StatAsync("missing/b", None));
        await Store.DeleteAsync("missing/a", None);
    }

    [Fact]
    public async Task ChineseKeys_RoundTripThroughPutGetStatListCopyDelete()
    {
        const string key = "staging/1/招标文件/第一册.pdf";
        var data = DeterministicStream.Bytes(4321);
        var stored = await Store.PutAsync(key, new MemoryStream(data), null, None);
        Assert.Equal(key, stored.Key);
        Assert.Equal(data, await Reference.ReadAllAsync(await Store.GetAsync(key, null, None)));
        Assert.Equal(4321, (await Store.StatAsync(key, None))!.Size);
        Assert.Equal([key], await ListKeysAsync("staging/1/招标"));
        await Store.CopyAsync(key, "objects/副本/第一册.pdf", None);
        Assert.Equal(data, await Reference.ReadAllAsync(await Store.GetAsync("objects/副本/第一册.pdf", null, None)));
        await Store.DeleteAsync(key, None);
        Assert.Null(await Store.StatAsync(key, None));
    }

    [Fact]
    public async Task Keys_AreNfcNormalised_SoDecomposedAndComposedFormsNameOneObject()
    {
        await Store.PutAsync("nfc/cafe\u0301.txt", new MemoryStream([1, 2, 3]), null, None);
        Assert.NotNull(await Store.StatAsync("nfc/caf\u00e9.txt", None));
        Assert.Equal(["nfc/caf\u00e9.txt"], await ListKeysAsync("nfc/"));
    }

    public static TheoryData<string> BadKeys => new() { "../escape", "a/../../escape", "/abs/path", "a\\b", "a\u0001b", "a//b", "a/", "", ".", "x/./y" };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task EveryOperation_RefusesKey_WhenInvalid(string key)
    {
        await Store.PutAsync("ok/source", new MemoryStream([1]), null, None);
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.PutAsync(key, new MemoryStream([1]), null, None));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.GetAsync(key, null, None));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.StatAsync(key, None));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.CopyAsync("ok/source", key, None));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.CopyAsync(key, "ok/destination", None));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.DeleteAsync(key, None));
        Assert.Equal(["ok/source"], await ListKeysAsync(""));
    }

    [Theory]
    [InlineData("/abs")]
    [InlineData("a\\b")]
    [InlineData("../")]
    public async Task List_RefusesPrefix_WhenNoValidKeyCouldStartWithIt(string prefix) =>
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => ListKeysAsync(prefix));

    protected async Task<List<string>> ListKeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in Store.ListAsync(prefix, None))
        {
            keys.Add(item.Key);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
