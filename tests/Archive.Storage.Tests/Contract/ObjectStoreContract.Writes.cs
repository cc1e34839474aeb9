using System.Security.Cryptography;
using Archive.Storage.Tests.Support;
using Archive.Testing;

namespace Archive.Storage.Tests.Contract;

public abstract partial class ObjectStoreContract
{
    [Theory]
    [InlineData(100)]
    [InlineData(12 * 1024 * 1024 + 5)]
    public async Task Put_LeavesNothing_WhenDigestMismatches(int size)
    {
        var wrong = SHA256.HashData("something else"u8);
        var e = await Assert.ThrowsAsync<DigestMismatchException>(() =>
            Store.PutAsync("cas/new.bin", new NonSeekableStream(new DeterministicStream(size)), new PutOptions { ExpectedSha256 = wrong }, None));
        Assert.Equal(Convert.ToHexStringLower(wrong), e.ExpectedSha256Hex);
        Assert.Null(await Store.StatAsync("cas/new.bin", None));
        Assert.Empty(await ListKeysAsync(""));
    }

    [Fact]
    public async Task Put_KeepsPreviousObject_WhenReplacementDigestMismatches()
    {
        var original = DeterministicStream.Bytes(6 * 1024 * 1024, 1);
        await Store.PutAsync("cas/kept.bin", new MemoryStream(original), null, None);
        await Assert.ThrowsAsync<DigestMismatchException>(() =>
            Store.PutAsync("cas/kept.bin", new DeterministicStream(7 * 1024 * 1024, 2), new PutOptions { ExpectedSha256 = SHA256.HashData(original) }, None));
        Assert.Equal(original, await Reference.ReadAllAsync(await Store.GetAsync("cas/kept.bin", null, None)));
    }

    [Fact]
    public async Task Put_Succeeds_WhenExpectedDigestMatches()
    {
        var data = DeterministicStream.Bytes(9 * 1024 * 1024);
        var stored = await Store.PutAsync("cas/ok.bin", new NonSeekableStream(new MemoryStream(data)), new PutOptions { ExpectedSha256 = SHA256.HashData(data) }, None);
        Assert.Equal(data.Length, stored.Size);
    }

    [Theory]
    [InlineData(1000, 999)]
    [InlineData(1000, 1001)]
    [InlineData(6 * 1024 * 1024, 6 * 1024 * 1024 - 1)]
    [InlineData(6 * 1024 * 1024, 6 * 1024 * 1024 + 1)]
    public async Task Put_LeavesNothing_WhenContentLengthDiffersFromAnnounced(int actual, int announced)
    {
        await Assert.ThrowsAsync<ContentLengthMismatchException>(() =>
            Store.PutAsync("len/x.bin", new DeterministicStream(actual), new PutOptions { Length = announced }, None));
        Assert.Null(await Store.StatAsync("len/x.bin", None));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11 * 1024 * 1024)]
    public async Task Put_LeavesNothing_WhenSourceFailsMidStream(int failAfter)
    {
        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync("torn/x.bin", new FailingStream(failAfter), null, None));
        Assert.Null(await Store.StatAsync("torn/x.bin", None));
        Assert.Empty(await ListKeysAsync(""));
    }

    [Fact]
    public async Task Put_LeavesNothing_WhenCancelledMidStream()
    {
        using var cts = new CancellationTokenSource();
        var source = new CancellingStream(new DeterministicStream(64 * 1024 * 1024), cts, cancelAfter: 10 * 1024 * 1024);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync("cancel/x.bin", source, null, cts.Token));
        Assert.Null(await Store.StatAsync("cancel/x.bin", None));
    }

    [Fact]
    public async Task Put_ReplacesExistingObject()
    {
        await Store.PutAsync("replace/x", new MemoryStream([1, 2, 3]), null, None);
        await Store.PutAsync("replace/x", new MemoryStream([4, 5]), null, None);
        Assert.Equal([4, 5], await Reference.ReadAllAsync(await Store.GetAsync("replace/x", null, None)));
    }

    [Fact]
    public async Task List_ReturnsExactlyTheKeysUnderAPrefix_IncludingChineseAndPartialSegments()
    {
        string[] keys = ["a/1", "a/2", "a/b/3", "ab/4", "招标/5", "招标文件/6", "b+c d/7"];
        foreach (var key in keys)
        {
            await Store.PutAsync(key, new MemoryStream([7]), null, None);
        }
        Assert.Equal(["a/1", "a/2", "a/b/3"], await ListKeysAsync("a/"));
        Assert.Equal(["a/1", "a/2", "a/b/3", "ab/4"], await ListKeysAsync("a"));
        Assert.Equal(["招标/5", "招标文件/6"], await ListKeysAsync("招标"));
        Assert.Equal(["招标文件/6"], await ListKeysAsync("招标文件/"));
        Assert.Equal(["b+c d/7"], await ListKeysAsync("b+c"));
        Assert.Empty(await ListKeysAsync("none/"));
        Assert.Equal(keys.Order(StringComparer.Ordinal), await ListKeysAsync(""));
        var item = await Store.ListAsync("a/b/", None).SingleAsync();
        Assert.Equal(1, item.Size);
        Assert.Equal(1, (await Store.StatAsync("b+c d/7", None))!.Size);
        await Store.DeleteAsync("b+c d/7", None);
        Assert.Null(await Store.StatAsync("b+c d/7", None));
    }

    [Fact]
    public async Task Copy_ProducesIdenticalObject_AndReplacesDestination()
    {
        var data = DeterministicStream.Bytes(10 * 1024 * 1024 + 3);
        var stored = await Store.PutAsync("copy/src.bin", new MemoryStream(data), new PutOptions { ContentType = "video/mp4", ExpectedSha256 = SHA256.HashData(data) }, None);
        await Store.PutAsync("copy/dst.bin", new MemoryStream([9]), null, None);

        await Store.CopyAsync("copy/src.bin", "copy/dst.bin", None);

        var (size, sha, _) = await Reference.OfAsync(await Store.GetAsync("copy/dst.bin", null, None));
        Assert.Equal((stored.Size, stored.Digests.Sha256Hex), (size, sha));
        var info = await Store.StatAsync("copy/dst.bin", None);
        if ((await Store.GetCapabilitiesAsync(None)).ContentMetadata)
        {
            Assert.Equal(("video/mp4", stored.Digests.Sha256Hex), (info!.ContentType, info.Sha256Hex));
        }
        Assert.NotNull(await Store.StatAsync("copy/src.bin", None));
    }

    [Fact]
    public async Task Copy_CopiesEmptyObject()
    {
        await Store.PutAsync("copy/empty", new MemoryStream(), null, None);
        await Store.CopyAsync("copy/empty", "copy/empty2", None);
        Assert.Equal(0, (await Store.StatAsync("copy/empty2", None))!.Size);
    }

    [Fact]
    public async Task Delete_RemovesObject_AndIsIdempotent()
    {
        await Store.PutAsync("del/x", new MemoryStream([1]), null, None);
        await Store.DeleteAsync("del/x", None);
        Assert.Null(await Store.StatAsync("del/x", None));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.GetAsync("del/x", null, None));
        await Store.DeleteAsync("del/x", None);
    }

    [Fact]
    public async Task Health_IsTrue_AndEnsureReadyIsIdempotent()
    {
        await Store.EnsureReadyAsync(None);
        Assert.True(await Store.IsHealthyAsync(None));
    }

    [Fact]
    public async Task Put_IgnoresRetention_WhenStoreHasNoRetentionCapability()
    {
        var capabilities = await Store.GetCapabilitiesAsync(None);
        Assert.Same(capabilities, await Store.GetCapabilitiesAsync(None));
        Assert.False(capabilities.Retention);
        await Store.PutAsync("retain/x", new MemoryStream([1]), new PutOptions { RetainUntil = DateTimeOffset.UtcNow.AddYears(30) }, None);
        await Store.DeleteAsync("retain/x", None);
        Assert.Null(await Store.StatAsync("retain/x", None));
    }

    /// <summary>Cancels its token once <c>cancelAfter</c> bytes have been read: a client that gives up mid-upload.</summary>
    private sealed class CancellingStream(Stream inner, CancellationTokenSource cts, long cancelAfter) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= cancelAfter)
            {
                await cts.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _read += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
