using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests.Verification;

/// <summary>
/// Issue 8: a version sealed before chunk digests existed (its registry rows, recorded chunk digests and online
/// chunk-digest document removed) is registered on its first verification, and its chunk digests are recorded and
/// bound to it by a <c>custody.chunks-recorded</c> ledger entry.
/// </summary>
public sealed class LegacyVersionTests : CustodyTest
{
    [Fact]
    public async Task FirstRun_RegistersTheVersion_AndBindsItsChunkDigestsInTheLedger()
    {
        var chunksKey = await StoreTampering.SingleKeyAsync(Stores.Online, "manifests/", "/v1.chunks.json");
        await StoreTampering.DeleteAsync(Stores.Online, chunksKey);
        await TestDatabase.ExecuteAsync(Factory.Database, "DELETE FROM custody.objects WHERE project_code = $1", Code);
        await TestDatabase.ExecuteAsync(Factory.Database, "DELETE FROM custody.chunk_digests");

        var run = await RunVerificationAsync(new { projects = new[] { Code } });

        Assert.Empty(run.GetProperty("failures").EnumerateArray());
        var items = SampleProject.RequiredItems().Count + 1;
        Assert.True(run.GetProperty("objectsChecked").GetInt64() >= 2 * (items + 2), run.ToString());
        Assert.Equal(items, await TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM custody.chunk_digests"));
        var entries = await LedgerReading.AllEntriesAsync(Archivist);
        var index = Assert.Single(Enumerable.Range(0, entries.Count), i => entries[i].GetProperty("type").GetString() == "custody.chunks-recorded");
        var recorded = entries[index];
        Assert.Equal(Code, recorded.GetProperty("project").GetString());
        Assert.Equal(1, recorded.GetProperty("version").GetInt32());
        var online = await StoreTampering.ReadAsync(Stores.Online, chunksKey);
        var offline = await StoreTampering.ReadAsync(Stores.Offline, BagPrefix.TrimEnd('/') + ".chunks.json");
        Assert.Equal(online, offline);
        Assert.Equal(recorded.GetProperty("chunkDigestsSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(online)));
        var recording = JsonDocument.Parse(online).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString() == RecordingPath);
        Assert.Equal(16, recording.GetProperty("chunks").GetArrayLength());
        await LedgerProofs.AssertVerifiesWithGoAsync(Archivist, index);

        // Registered now: the late document itself is verified in both copies, and the next run records nothing again.
        await StoreTampering.FlipByteAsync(Stores.Offline, BagPrefix.TrimEnd('/') + ".chunks.json", 10);
        var again = await RunVerificationAsync(new { projects = new[] { Code } });
        var failure = Assert.Single(again.GetProperty("failures").EnumerateArray());
        Assert.Equal("chunk-digests.json", failure.GetProperty("path").GetString());
        Assert.True(failure.GetProperty("repaired").GetBoolean());
        Assert.Single(await LedgerReading.AllEntriesAsync(Archivist), e => e.GetProperty("type").GetString() == "custody.chunks-recorded");
    }
}
