using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Verification;

/// <summary>Issue 8: a read of tampered content never completes with the corrupted bytes (CONTRACT §8).</summary>
public sealed class VerifiedReadTests : CustodyTest
{
    private string ItemUrl => $"/api/v1/projects/{Code}/items/{SampleProject.EscapePath(RecordingPath)}";

    /// <summary>Reads the body to its end; null when the server cut the connection (an incomplete response).</summary>
    private async Task<(HttpStatusCode Status, byte[]? Body)> TryReadAsync(RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ItemUrl);
        request.Headers.Range = range;
        try
        {
            using var response = await Archivist.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            return (response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (0, null);
        }
    }

    [Fact]
    public async Task WholeRead_StopsBeforeTheBadChunk_AndTheNextReadIsServedVerifiedFromTheOfflineCopy()
    {
        await StoreTampering.FlipByteAsync(Stores.Online, OnlineRecordingKey, 500);

        var (status, body) = await TryReadAsync();
        // The first chunks verified and left; the tampered one never does: the response is cut, not completed.
        Assert.True(body is null || body.Length < Recording.Length, $"a corrupted read completed with status {status}");

        var delivered = (await LedgerReading.AllEntriesAsync(Archivist)).Last(e => e.GetProperty("type").GetString() == "access.delivered");
        Assert.False(delivered.GetProperty("completed").GetBoolean());
        Assert.Equal("content.corrupted:mismatch", delivered.GetProperty("reason").GetString());

        var (again, bytes) = await TryReadAsync();
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(Recording, bytes);
    }

    [Fact]
    public async Task RangedRead_IsVerifiedByItsChunksOnly_AndATamperedChunkIsServedFromTheGoodCopy()
    {
        await StoreTampering.FlipByteAsync(Stores.Online, OnlineRecordingKey, 700);

        // Untouched chunks are served from the online copy without reading the rest.
        var (status, head) = await TryReadAsync(new RangeHeaderValue(10, 100));
        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.Equal(Recording[10..101], head);

        // The tampered chunk fails before any byte leaves: the read switches to the offline copy, verified.
        var (tamperedStatus, middle) = await TryReadAsync(new RangeHeaderValue(650, 720));
        Assert.Equal(HttpStatusCode.PartialContent, tamperedStatus);
        Assert.Equal(Recording[650..721], middle);
    }

    [Fact]
    public async Task Read_AnswersContentLost_WhenBothCopiesAreCorrupted()
    {
        await StoreTampering.FlipByteAsync(Stores.Online, OnlineRecordingKey, 3);
        await StoreTampering.FlipByteAsync(Stores.Offline, OfflineRecordingKey, 3);

        var response = await Archivist.GetAsync(ItemUrl);
        await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "content.lost");

        var ranged = new HttpRequestMessage(HttpMethod.Get, ItemUrl);
        ranged.Headers.Range = new RangeHeaderValue(0, 10);
        await (await Archivist.SendAsync(ranged)).AssertProblemAsync(HttpStatusCode.InternalServerError, "content.lost");
    }

    [Fact]
    public async Task Read_IsServedFromTheOfflineCopy_WhenTheOnlineObjectIsDeleted()
    {
        await StoreTampering.DeleteAsync(Stores.Online, OnlineRecordingKey);
        var (status, bytes) = await TryReadAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Recording, bytes);
    }

    [Fact]
    public async Task PackageSealed_BindsTheChunkDigests_StoredInBothCopies()
    {
        var entries = await LedgerReading.AllEntriesAsync(Archivist);
        var sealedEntry = entries.Single(e => e.GetProperty("type").GetString() == "package.sealed" && e.GetProperty("project").GetString() == Code);
        var bound = sealedEntry.GetProperty("chunkDigestsSha256").GetString();
        var offline = await StoreTampering.ReadAsync(Stores.Offline, BagPrefix + "archive/chunk-digests.json");
        var online = await StoreTampering.ReadAsync(Stores.Online, await StoreTampering.SingleKeyAsync(Stores.Online, "manifests/", "/v1.chunks.json"));
        Assert.Equal(offline, online);
        Assert.Equal(bound, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(offline)));
        var item = JsonDocument.Parse(offline).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString() == RecordingPath);
        Assert.Equal(16, item.GetProperty("chunks").GetArrayLength());
        Assert.Contains("archive/chunk-digests.json", System.Text.Encoding.UTF8.GetString(await StoreTampering.ReadAsync(Stores.Offline, BagPrefix + "tagmanifest-sha256.txt")), StringComparison.Ordinal);
    }
}
