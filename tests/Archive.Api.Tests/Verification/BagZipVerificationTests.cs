using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Verification;

/// <summary>
/// Issue 8: the offline bag's zip download goes through verification — a tampered member (payload, tag file rewritten
/// together with its tag-manifest line, or the tag manifest itself) never yields a complete zip, and the member is
/// repaired from the online copy so that the next download is whole and matches the sealed bytes.
/// </summary>
public sealed class BagZipVerificationTests : CustodyTest
{
    [Theory]
    [InlineData("payload")]
    [InlineData("tag-file-and-its-line")]
    [InlineData("tag-manifest")]
    public async Task TamperedBagMember_NeverYieldsACompleteZip_AndIsRepairedFromTheOnlineCopy(string member)
    {
        var tagManifestKey = BagPrefix + "tagmanifest-sha256.txt";
        var tampered = member switch
        {
            "payload" => OfflineRecordingKey,
            "tag-file-and-its-line" => BagPrefix + "bag-info.txt",
            _ => tagManifestKey,
        };
        var originals = new Dictionary<string, byte[]>
        {
            [tampered] = await StoreTampering.ReadAsync(Stores.Offline, tampered),
            [tagManifestKey] = await StoreTampering.ReadAsync(Stores.Offline, tagManifestKey),
        };
        switch (member)
        {
            case "payload":
                await StoreTampering.SwapSameSizeAsync(Stores.Offline, tampered);
                break;
            case "tag-file-and-its-line":
                // A careful tamperer: the tag file changed and its line in the bag's own tag manifest rewritten to match.
                var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(originals[tampered]).Replace("Bagging-Date", "Bagging-date", StringComparison.Ordinal));
                await PutAsync(tampered, changed);
                var manifest = Encoding.UTF8.GetString(originals[tagManifestKey]).Replace(
                    Convert.ToHexStringLower(SHA256.HashData(originals[tampered])), Convert.ToHexStringLower(SHA256.HashData(changed)), StringComparison.Ordinal);
                await PutAsync(tagManifestKey, Encoding.UTF8.GetBytes(manifest));
                break;
            default:
                // Same lines, another order: every member still matches the bag's own tag manifest.
                var lines = Encoding.UTF8.GetString(originals[tagManifestKey]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse();
                await PutAsync(tagManifestKey, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
                break;
        }

        var before = (await LedgerReading.AllEntriesAsync(Archivist)).Count;
        Assert.False(await DownloadsCompleteZipAsync(), "a bag with a tampered member was delivered as a complete zip");
        // access.delivered is appended once the response has ended, which the client may see first: wait for it.
        JsonElement? delivered = null;
        await WaitUntilAsync(async () => (delivered = (await LedgerReading.AllEntriesAsync(Archivist)).Skip(before)
            .LastOrDefault(e => e.GetProperty("type").GetString() == "access.delivered") is { ValueKind: JsonValueKind.Object } e ? e : null) is not null);
        Assert.False(delivered!.Value.GetProperty("completed").GetBoolean());

        await WaitUntilAsync(async () => (await StoreTampering.ReadAsync(Stores.Offline, tampered)).SequenceEqual(originals[tampered]));
        if (member != "payload")
        {
            await RunVerificationAsync(new { projects = new[] { Code }, copies = new[] { "offline" } });
        }

        foreach (var (key, bytes) in originals)
        {
            Assert.Equal(bytes, await StoreTampering.ReadAsync(Stores.Offline, key));
        }

        var bag = await IngestFlow.DownloadBagAsync(Archivist, Code, 1);
        Assert.Equal(Recording, await File.ReadAllBytesAsync(Path.Combine(bag, "data", RecordingPath)));
        Directory.Delete(Path.GetDirectoryName(bag)!, recursive: true);
    }

    private Task PutAsync(string key, byte[] bytes) => StoreTampering.ReplaceAsync(Stores.Offline, key, bytes);

    /// <summary>Whether the bag download answers 200 with a zip whose every entry reads to its end.</summary>
    private async Task<bool> DownloadsCompleteZipAsync()
    {
        byte[] body;
        try
        {
            using var response = await Archivist.GetAsync($"/api/v1/projects/{Code}/versions/1/bag", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            body = await response.Content.ReadAsByteArrayAsync();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return false;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                await using var stream = entry.Open();
                await stream.CopyToAsync(Stream.Null);
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the awaited state (delivery record or repair) did not come within 60 s");
            await Task.Delay(250);
        }
    }
}
