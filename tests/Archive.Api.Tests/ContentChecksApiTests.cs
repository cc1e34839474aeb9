using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Npgsql;

namespace Archive.Api.Tests;

/// <summary>
/// 四性 checks at seal with the real readers and scanner: qpdf, ffprobe, ClamAV's clamscan with the EICAR-only test
/// signatures. The EICAR string is assembled here from parts, so the repository never holds it in one piece.
/// </summary>
public sealed class ContentChecksApiTests : IAsyncLifetime
{
    private static readonly string Eicar = string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*");

    private ArchiveApiFactory _factory = null!;
    private HttpClient _ingest = null!;

    public async Task InitializeAsync()
    {
        _factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?> { ["ARCHIVE_PROBE_MEDIA"] = "true" });
        var admin = _factory.ClientWith(_factory.AdminToken);
        var (_, token) = await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        _ingest = _factory.ClientWith(token);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Seal_Returns422NamingEachItem_WhenPdfCarriesEicarAndAnotherIsTruncated()
    {
        var id = await OpenAsync("91350100M000100Y44");
        var infected = MinimalPdf.Bytes("notice", Eicar);
        var whole = SampleProject.Pdf("documents");
        var truncated = whole[..(whole.Length / 2)];
        foreach (var (path, role, type, bytes) in SampleProject.RequiredItems())
        {
            var content = path switch { "公告/交易公告.pdf" => infected, "文件/交易文件.pdf" => truncated, _ => bytes };
            Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, path, role, type, content)).StatusCode);
        }

        var response = await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "submission.incomplete");
        var codes = problem.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("field").GetString())).ToList();
        Assert.Contains(("item.malware", "公告/交易公告.pdf"), codes);
        Assert.Contains(("item.unreadable", "文件/交易文件.pdf"), codes);
        Assert.Contains(("credit-code.checksum", "parties[0].creditCode"), codes);
        Assert.DoesNotContain(codes, c => c.Item2 == "记录/项目信息.json");

        // Nothing lost: both items stay staged, the infected one is also kept in quarantine and ledgered.
        var items = await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items");
        Assert.Equal(SampleProject.RequiredItems().Count, items.GetArrayLength());
        var sha = Convert.ToHexStringLower(SHA256.HashData(infected));
        Assert.Equal(infected, await File.ReadAllBytesAsync(Path.Combine(_factory.DataDirectory, "online", "quarantine", id.ToString("N"), sha)));
        await using var db = new NpgsqlConnection(_factory.Database);
        await db.OpenAsync();
        await using var entries = new NpgsqlCommand("SELECT convert_from(bytes, 'UTF8') FROM ledger.entries WHERE type = 'item.quarantined'", db);
        var entry = JsonDocument.Parse((string)(await entries.ExecuteScalarAsync())!).RootElement;
        Assert.Equal(sha, entry.GetProperty("sha256").GetString());
        Assert.Equal("公告/交易公告.pdf", entry.GetProperty("path").GetString());
        Assert.Contains("NOT PROTECTION", entry.GetProperty("signatureDatabase").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seal_StoresTheSealTimeRecordInTheBag_WithDurationAndCodecOfRecordings()
    {
        var id = await OpenAsync("91350100M000100Y43");
        var video = await TestMedia.VideoAsync(_factory.DataDirectory);
        foreach (var (path, role, type, bytes) in SampleProject.RequiredItems().Append(("录像/开标.mp4", "av-recording", "video/mp4", video)))
        {
            Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);
        await _ingest.WaitForArchivedAsync(id);

        var file = Directory.EnumerateFiles(Path.Combine(_factory.DataDirectory, "offline"), "seal-checks.json", SearchOption.AllDirectories).Single();
        var record = JsonDocument.Parse(await File.ReadAllBytesAsync(file)).RootElement;
        Assert.Equal("archive-seal-checks/1", record.GetProperty("format").GetString());
        Assert.Contains("NOT PROTECTION", record.GetProperty("malwareSignatures").GetString(), StringComparison.Ordinal);
        var items = record.GetProperty("items").EnumerateArray().ToList();
        var recording = items.Single(i => i.GetProperty("path").GetString() == "录像/开标.mp4");
        Assert.Equal("ok", recording.GetProperty("usability").GetProperty("result").GetString());
        Assert.StartsWith("2", recording.GetProperty("usability").GetProperty("durationSeconds").GetString(), StringComparison.Ordinal);
        Assert.Contains(recording.GetProperty("usability").GetProperty("codecs").EnumerateArray(), c => c.GetProperty("codec").GetString() == "h264");
        Assert.All(items, i => Assert.Equal("clean", i.GetProperty("security").GetProperty("result").GetString()));
        var tagManifest = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file))!, "tagmanifest-sha256.txt"));
        Assert.Contains("archive/seal-checks.json", tagManifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_SaysPlainlyWhichSignatureDatabaseIsLoaded()
    {
        var health = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.StartsWith("test (EICAR only) — NOT PROTECTION", health.GetProperty("malwareSignatures").GetString(), StringComparison.Ordinal);
    }

    private async Task<Guid> OpenAsync(string creditCode)
    {
        var response = await _ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(SampleProject.NewCode(), "other", creditCode));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
