using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Bags;

namespace Archive.Api.Tests.Projects;

[Collection(ReadingCollection.Name)]
public sealed class ContentTests(ReadingFixture fixture)
{
    private string ItemUrl(string path, string? query = null) =>
        $"/api/v1/projects/{fixture.Sealed}/items/{SampleProject.EscapePath(path)}{query}";

    private async Task<(JsonElement Manifest, string Sha256)> ManifestAsync()
    {
        var response = await fixture.Archivist.GetAsync($"/api/v1/projects/{fixture.Sealed}/versions/1/manifest");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (JsonDocument.Parse(bytes).RootElement.Clone(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Manifest_IsTheSealedBytes_AndItsReadIsLedgeredBeforeAndAfter()
    {
        var response = await fixture.Archivist.GetAsync($"/api/v1/projects/{fixture.Sealed}/versions/1/manifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var summary = await fixture.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{fixture.Sealed}");
        var version = summary.GetProperty("versions")[0];
        var sealedEntry = await ReadLedger.EntryAsync(fixture.Archivist, version.GetProperty("ledgerIndex").GetInt64());
        Assert.Equal(sealedEntry.GetProperty("manifestSha256").GetString(), sha);
        Assert.Equal($"\"sha256:{sha}\"", response.Headers.ETag?.ToString());

        var read = await ReadLedger.AssertLoggedAsync(fixture.Archivist, response, bytes, "access.read");
        Assert.Equal("manifest", read.GetProperty("object").GetString());
        Assert.Equal(sha, read.GetProperty("sha256").GetString());
        Assert.Equal(fixture.ArchivistId.ToString(), read.GetProperty("principal").GetString());
        Assert.Equal("archivist", read.GetProperty("role").GetString());
        Assert.Equal("云南省公共资源交易中心", read.GetProperty("organization").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("grant").ValueKind);
        Assert.Equal(fixture.Sealed, read.GetProperty("project").GetString());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Items_AreByteIdenticalToTheManifest_AndEveryReadIsLedgered()
    {
        var (manifest, _) = await ManifestAsync();
        var items = manifest.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(fixture.SealedItems.Count, items.Count);
        foreach (var item in items)
        {
            var path = item.GetProperty("path").GetString()!;
            var response = await fixture.Archivist.GetAsync(ItemUrl(path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(fixture.SealedItems.Single(i => i.Path == path).Bytes, bytes);
            Assert.Equal(item.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(item.GetProperty("mediaType").GetString(), response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));

            var read = await ReadLedger.AssertLoggedAsync(fixture.Archivist, response, bytes, "access.read");
            Assert.Equal("item", read.GetProperty("object").GetString());
            Assert.Equal(path, read.GetProperty("path").GetString());
            Assert.Equal(JsonValueKind.Null, read.GetProperty("range").ValueKind);
            Assert.Equal(item.GetProperty("sha256").GetString(), read.GetProperty("sha256").GetString());
        }

        var explicitVersion = await fixture.Archivist.GetAsync(ItemUrl(ReadingFixture.VideoPath, "?version=1"));
        Assert.Equal(fixture.Video, await explicitVersion.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Read_EntryIsCommitted_WhenResponseHeadersArriveBeforeTheBody()
    {
        using var response = await fixture.Archivist.GetAsync(ItemUrl(ReadingFixture.VideoPath), HttpCompletionOption.ResponseHeadersRead);
        var index = long.Parse(response.Headers.GetValues("X-Ledger-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);

        var entry = await ReadLedger.EntryAsync(fixture.Archivist, index);
        Assert.Equal("access.read", entry.GetProperty("type").GetString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(fixture.Video, bytes);
        Assert.True((await ReadLedger.DeliveredAsync(fixture.Archivist, index)).GetProperty("completed").GetBoolean());
    }

    public static TheoryData<string, long, long> Ranges => new()
    {
        { "bytes=0-99", 0, 100 },
        { "bytes=1000-1999", 1000, 1000 },
        { "bytes=-500", (1 << 20) + 7 - 500, 500 },
        { "bytes=1048000-", 1048000, (1 << 20) + 7 - 1048000 },
        { "bytes=1048000-99999999", 1048000, (1 << 20) + 7 - 1048000 },
        // Multi-range: only the first range is served, as a single-part 206.
        { "bytes=10-19, 30-39", 10, 10 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task Range_Returns206WithExactBytes_AndLedgersTheRangeAndDeliveredDigest(string range, long offset, long length)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ItemUrl(ReadingFixture.VideoPath));
        request.Headers.TryAddWithoutValidation("Range", range);
        var response = await fixture.Archivist.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(fixture.Video.AsSpan((int)offset, (int)length).ToArray(), bytes);
        var contentRange = response.Content.Headers.ContentRange!;
        Assert.Equal((offset, offset + length - 1, fixture.Video.LongLength), (contentRange.From!.Value, contentRange.To!.Value, contentRange.Length!.Value));

        var read = await ReadLedger.AssertLoggedAsync(fixture.Archivist, response, bytes, "access.read");
        Assert.Equal($"bytes={offset}-{offset + length - 1}", read.GetProperty("range").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(fixture.Video)), read.GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("bytes=1048583-")]
    [InlineData("bytes=99999999-99999999")]
    [InlineData("bytes=-0")]
    public async Task Range_Returns416WithSize_WhenUnsatisfiable(string range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ItemUrl(ReadingFixture.VideoPath));
        request.Headers.TryAddWithoutValidation("Range", range);
        var response = await fixture.Archivist.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "range.not-satisfiable");
        Assert.Equal($"bytes */{fixture.Video.Length}", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.False(response.Headers.Contains("X-Ledger-Index"));
    }

    [Theory]
    [InlineData("bytes=5-1")]
    [InlineData("items=0-10")]
    [InlineData("bytes=abc")]
    public async Task Range_IsIgnored_WhenMalformedOrOtherUnit(string range)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ItemUrl(ReadingFixture.VideoPath));
        request.Headers.TryAddWithoutValidation("Range", range);
        var response = await fixture.Archivist.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Video, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bag_StreamsZipThatUnzipsToAValidBag_CheckedByBagValidatorAndSha256sum()
    {
        var response = await fixture.Archivist.GetAsync($"/api/v1/projects/{fixture.Sealed}/versions/1/bag", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"{fixture.Sealed}_v1.zip", disposition.FileName?.Trim('"'));
        Assert.Equal($"{fixture.Sealed}_v1.zip", disposition.FileNameStar);
        var zip = await response.Content.ReadAsByteArrayAsync();

        var folder = Directory.CreateTempSubdirectory("bag-zip-").FullName;
        var zipPath = Path.Combine(folder, "bag.zip");
        await File.WriteAllBytesAsync(zipPath, zip);
        var (unzip, unzipOutput) = await RunAsync(folder, "unzip", "-q", zipPath, "-d", Path.Combine(folder, "out"));
        Assert.True(unzip == 0, unzipOutput);
        var root = Path.Combine(folder, "out", $"{fixture.Sealed}_v1");

        var problems = await BagValidator.ValidateAsync(new DirectoryBagReader(root), CancellationToken.None);
        Assert.Empty(problems);
        foreach (var manifest in new[] { "manifest-sha256.txt", "tagmanifest-sha256.txt" })
        {
            var (exit, output) = await RunAsync(root, "sha256sum", "--strict", "-c", manifest);
            Assert.True(exit == 0, output);
        }

        foreach (var (path, _, _, bytes) in fixture.SealedItems)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(root, "data", path)));
        }

        var (_, manifestSha) = await ManifestAsync();
        var copied = await ReadLedger.AssertLoggedAsync(fixture.Archivist, response, zip, "access.copied");
        Assert.Equal("bag", copied.GetProperty("object").GetString());
        Assert.Equal(manifestSha, copied.GetProperty("sha256").GetString());
    }

    private static async Task<(int, string)> RunAsync(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
