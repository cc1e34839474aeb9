using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Issue 3, "end to end through HTTP for each store combination": submit, upload, seal, wait for archived, read the
/// manifest and every item back byte-identical, download the bag zip and prove it with standard tools only.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoreCombinationTests
{
    private const string VideoPath = "录像/开标现场.mp4";

    // 6 MiB + 5: more than one part of a multipart upload to S3, and not a multiple of any block size.
    private const long VideoLength = (6 << 20) + 5;

    [Theory]
    [InlineData("file", "file")]
    [InlineData("file", "azure")]
    [InlineData("file", "s3")]
    [InlineData("s3", "file")]
    [InlineData("s3", "azure")]
    [InlineData("s3", "s3")]
    public async Task SealedProject_ReadsBackByteIdentical_AndItsBagProvesItself_OnEveryStoreCombination(string online, string offline)
    {
        var data = Directory.CreateTempSubdirectory("archive-e2e-").FullName;
        await using var factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["ARCHIVE_DATA_DIR"] = data,
            ["ARCHIVE_ONLINE"] = StoreUris.New(online, data, "online"),
            ["ARCHIVE_OFFLINE"] = StoreUris.New(offline, data, "offline"),
        }, dataDirectory: data);
        var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(factory.ClientWith(factory.AdminToken));
        var ingest = factory.ClientWith(ingestToken);
        var archivist = factory.ClientWith(archivistToken);
        var video = new byte[VideoLength];
        await using (var recording = new RecordingStream(VideoLength))
        {
            await recording.ReadExactlyAsync(video);
        }

        List<(string Path, string Role, string MediaType, byte[] Bytes)> items = [.. SampleProject.RequiredItems(), (VideoPath, "av-recording", "video/mp4", video)];
        var code = SampleProject.NewCode();

        var submission = await IngestFlow.OpenAsync(ingest, code);
        await IngestFlow.UploadAsync(ingest, submission, items);
        await IngestFlow.SealAsync(ingest, submission);
        var state = await ingest.WaitForArchivedAsync(submission, TimeSpan.FromSeconds(90));

        Assert.Equal(1, state.GetProperty("version").GetInt32());
        var ledgerIndex = state.GetProperty("ledgerIndex").GetInt64();
        var entry = JsonDocument.Parse(await archivist.GetByteArrayAsync($"/api/v1/ledger/entries/{ledgerIndex}")).RootElement;
        Assert.Equal("package.sealed", entry.GetProperty("type").GetString());
        var manifestBytes = await archivist.GetByteArrayAsync($"/api/v1/projects/{code}/versions/1/manifest");
        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        Assert.Equal(state.GetProperty("manifestSha256").GetString(), manifestSha);
        Assert.Equal(entry.GetProperty("manifestSha256").GetString(), manifestSha);

        var listed = JsonDocument.Parse(manifestBytes).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Select(i => i.Path).Order(StringComparer.Ordinal), listed.Select(i => i.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
        foreach (var (path, _, type, bytes) in items)
        {
            var response = await archivist.GetAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(path)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var served = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.AsSpan().SequenceEqual(served), $"item {path} differs");
        }

        var bag = await IngestFlow.DownloadBagAsync(archivist, code, 1);
        Assert.Equal((manifestSha, ledgerIndex), await BagChecks.AssertValidAsync(bag, archivist, code, 1));
        Assert.Equal(manifestBytes, await File.ReadAllBytesAsync(Path.Combine(bag, "archive", "manifest.json")));
        foreach (var (path, _, _, bytes) in items)
        {
            var inBag = await File.ReadAllBytesAsync(Path.Combine(bag, "data", path));
            Assert.True(bytes.AsSpan().SequenceEqual(inBag), $"bag file data/{path} differs");
        }

        Directory.Delete(Path.GetDirectoryName(bag)!, recursive: true);
        if (offline == "file")
        {
            // CONTRACT §6: the filesystem offline store keeps the bag as a plain folder, ready for optical media.
            var folder = Path.Combine(data, "offline", entry.GetProperty("bag").GetString()!);
            Assert.Equal((manifestSha, ledgerIndex), await BagChecks.AssertValidAsync(folder, archivist, code, 1));
        }
    }
}
