using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Cli;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Npgsql;

namespace Archive.Api.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class ImportCommandTests : IAsyncLifetime
{
    private ArchiveApiFactory _factory = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _factory = await ArchiveApiFactory.CreateAsync();
        _root = Directory.CreateTempSubdirectory("archive-import-test-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Import_ArchivesEveryProject_WhenNoServerIsRunning_AndRerunSkipsAllWithoutNewSeals()
    {
        var codes = new[] { SampleProject.NewCode(), SampleProject.NewCode() };
        ImportFolders.Write(_root, "a", codes[0]);
        ImportFolders.Write(_root, "b", codes[1], declareDigests: true);

        // Only the import's own host runs here: it migrates, seals in its Hangfire server and signs checkpoints.
        var (exit, output) = await CliRun.ImportAsync(_factory, _root);

        Assert.True(exit == ArchiveCli.Success, output);
        Assert.Contains("导入 2，补充 0，跳过 0，失败 0", output, StringComparison.Ordinal);
        foreach (var code in codes)
        {
            Assert.Equal(1, await LatestVersionAsync(code));
        }

        // The audit administrator reads every entry (the system administrator only principal changes).
        var admin = _factory.ClientWith((await _factory.ClientWith(_factory.AdminToken).CreatePrincipalAsync("安全审计员", "audit-admin", "测试中心")).Token);
        var entries = await LedgerReading.AllEntriesAsync(admin);
        Assert.Equal(2, entries.Count(e => e.GetProperty("type").GetString() == "package.sealed"));
        Assert.Single(entries, e => e.GetProperty("type").GetString() == "principal.created"
            && e.ToString().Contains(ImportFolders.Platform, StringComparison.Ordinal));
        // The import bound its platform's principal to the projects' region, on the operator's authority (issue 9 point 8).
        var bound = Assert.Single(entries, e => e.GetProperty("type").GetString() == "principal.codes-bound");
        Assert.Equal(ImportFolders.Platform, bound.GetProperty("platform").GetString());
        Assert.Equal(codes[0].Substring(1, 6), Assert.Single(bound.GetProperty("regions").EnumerateArray()).GetString());

        (exit, output) = await CliRun.ImportAsync(_factory, _root);

        Assert.True(exit == ArchiveCli.Success, output);
        Assert.Contains("导入 0，补充 0，跳过 2，失败 0", output, StringComparison.Ordinal);
        Assert.Contains("内容与已归档的第 1 版相同", output, StringComparison.Ordinal);
        var after = await LedgerReading.AllEntriesAsync(admin);
        Assert.Equal(2, after.Count(e => e.GetProperty("type").GetString() == "package.sealed"));
        Assert.Equal(entries.Count, after.Count);
    }

    [Fact]
    public async Task Import_SealsVersion2ChainedToVersion1_WhenAnItemChangedWhileTheServerRuns()
    {
        _ = _factory.Services; // the API host runs beside the import, as under ./archive up
        var code = SampleProject.NewCode();
        var dir = ImportFolders.Write(_root, "p", code);
        Assert.Equal(ArchiveCli.Success, (await CliRun.ImportAsync(_factory, _root)).ExitCode);
        File.WriteAllBytes(Path.Combine(dir, "公告", "结果公示.pdf"), SampleProject.Pdf("更正后的结果公示"));

        var (exit, output) = await CliRun.ImportAsync(_factory, _root);

        Assert.True(exit == ArchiveCli.Success, output);
        Assert.Contains("已补充归档为第 2 版", output, StringComparison.Ordinal);
        var (v1Bytes, v1Digest) = await ManifestAsync(code, 1);
        var (v2Bytes, v2Digest) = await ManifestAsync(code, 2);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(v1Bytes)), v1Digest);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(v2Bytes)), v2Digest);
        using var v2 = JsonDocument.Parse(v2Bytes);
        Assert.Equal(2, v2.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(v1Digest, v2.RootElement.GetProperty("previous").GetString());
        // The supplement lists every item: the four carried over and the replaced one.
        Assert.Equal(5, v2.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Import_ReportsChineseProblemsAndImportsTheOthers_WhenAProjectLacksARequiredRole()
    {
        var good = SampleProject.NewCode();
        var broken = SampleProject.NewCode();
        ImportFolders.Write(_root, "1-good", good);
        ImportFolders.Write(_root, "2-broken", broken, skipRole: "result-publicity");

        var (exit, output) = await CliRun.ImportAsync(_factory, _root);

        Assert.Equal(ArchiveCli.ProjectsFailed, exit);
        Assert.Contains("导入 1，补充 0，跳过 0，失败 1", output, StringComparison.Ordinal);
        Assert.Contains("checklist.missing-role", output, StringComparison.Ordinal);
        Assert.Contains("提交未通过封存前检查", output, StringComparison.Ordinal);
        Assert.Contains("结果公示", output, StringComparison.Ordinal);
        Assert.Equal(1, await LatestVersionAsync(good));
        Assert.Equal(0, await LatestVersionAsync(broken));
    }

    [Fact]
    public async Task Import_ResumesTheOpenSubmission_WhenAnEarlierRunWasInterrupted()
    {
        var code = SampleProject.NewCode();
        ImportFolders.Write(_root, "p", code);
        var admin = _factory.ClientWith(_factory.AdminToken);
        var (_, token) = await admin.CreatePrincipalAsync("省电子服务系统", "ingest", ImportFolders.Platform);
        var ingest = _factory.ClientWith(token);
        var created = await ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (path, role, type, bytes) = SampleProject.RequiredItems()[0];
        (await ingest.PutItemAsync(id, path, role, type, bytes)).EnsureSuccessStatusCode();

        var (exit, output) = await CliRun.ImportAsync(_factory, _root);

        Assert.True(exit == ArchiveCli.Success, output);
        var status = await ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}");
        Assert.Equal("archived", status.GetProperty("status").GetString());
        Assert.Equal(1, status.GetProperty("version").GetInt32());
        Assert.Equal(1L, await TestDatabase.ScalarAsync(_factory.Database, "SELECT count(*) FROM ingest.submissions WHERE project_code = $1", code));
    }

    [Fact]
    public async Task Import_FailsWithChineseReason_WhenProjectJsonIsMissingOrNamesAFileOutsideTheFolder()
    {
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        var dir = ImportFolders.Write(_root, "escape", SampleProject.NewCode());
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "project.json")))!;
        json["items"]![1]!["path"] = "../other/交易公告.pdf";
        File.WriteAllText(Path.Combine(dir, "project.json"), json.ToJsonString());

        var (exit, output) = await CliRun.ImportAsync(_factory, _root);

        Assert.Equal(ArchiveCli.ProjectsFailed, exit);
        Assert.Contains("缺少 project.json", output, StringComparison.Ordinal);
        Assert.Contains("指向项目文件夹之外", output, StringComparison.Ordinal);
    }

    private async Task<int> LatestVersionAsync(string code) =>
        (int)await TestDatabase.ScalarAsync(_factory.Database, "SELECT coalesce(max(version), 0) FROM ingest.versions WHERE project_code = $1", code);

    private async Task<(byte[] Bytes, string Digest)> ManifestAsync(string code, int version)
    {
        await using var conn = new NpgsqlConnection(_factory.Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT manifest, manifest_sha256 FROM ingest.versions WHERE project_code = $1 AND version = $2", conn);
        cmd.Parameters.Add(new() { Value = code });
        cmd.Parameters.Add(new() { Value = version });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), $"no version {version} of {code}");
        return (r.GetFieldValue<byte[]>(0), r.GetString(1));
    }
}
