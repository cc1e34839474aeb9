using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Custody;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Statistics;

/// <summary>
/// A host with known activity in the current year: project A (昆明 530100, platform 昆明) sealed twice, its first version
/// with a 3-second WAV recording probed by ffprobe; project B (曲靖 530300, platform 曲靖) sealed once; an agency that
/// reads one PDF of A twice under a grant; an archivist that reads B's manifest once; a verification run of B's online
/// copy that finds one damaged object and repairs it.
/// </summary>
public sealed class StatisticsFixture : IAsyncLifetime
{
    public const string Agency = "某州市纪委监委";
    public const string Centre = "云南省公共资源交易中心";
    public const string PlatformA = "昆明市公共资源交易中心";
    public const string PlatformB = "曲靖市公共资源交易中心";

    public ArchiveApiFactory Factory { get; private set; } = null!;

    public HttpClient Archivist { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public string CodeA { get; } = SampleProject.NewCode();

    public string CodeB { get; } = "Z530300" + SampleProject.NewCode()[7..];

    /// <summary>Items and bytes each version brought: A v1, A v2, B v1.</summary>
    public List<(string Code, int Version, int Items, long Bytes)> Versions { get; } = [];

    public async Task InitializeAsync()
    {
        Factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["ARCHIVE_PROBE_MEDIA"] = "true",
            ["ARCHIVE_JOB_POLL_SECONDS"] = "1",
            ["ARCHIVE_VERIFY_READ_MBPS"] = "0",
        });
        var admin = Factory.ClientWith(Factory.AdminToken);
        var ingestA = Factory.ClientWith((await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", PlatformA)).Token);
        var ingestB = Factory.ClientWith((await admin.CreatePrincipalAsync("曲靖市电子交易系统", "ingest", PlatformB)).Token);
        Archivist = Factory.ClientWith((await admin.CreatePrincipalAsync("档案员", "archivist", Centre)).Token);
        Auditor = Factory.ClientWith((await admin.CreatePrincipalAsync("李审查", "auditor", Agency)).Token);
        var approver = Factory.ClientWith((await admin.CreatePrincipalAsync("王主任", "approver", "某州公共资源交易中心")).Token);

        var itemsA = Items(CodeA).Append(("录像/开标.wav", "av-recording", "audio/wav", await WavAsync(3))).ToList();
        await SealAsync(ingestA, CodeA, "530100", itemsA, withRecording: true);
        await SealAsync(ingestA, CodeA, "530100", [("合同/合同.pdf", "contract", "application/pdf", SampleProject.Pdf("contract " + CodeA))], withRecording: true);
        var itemsB = Items(CodeB);
        await SealAsync(ingestB, CodeB, "530300", itemsB, withRecording: false);

        // The agency reads A's real PDF twice (each read is an access.read entry); the archivist reads B's manifest once.
        await AccessCalls.GrantedAsync(Auditor, approver, AccessCalls.RequestBody([CodeA]));
        for (var i = 0; i < 2; i++)
        {
            var read = await Auditor.GetAsync($"/api/v1/projects/{CodeA}/items/{SampleProject.EscapePath("文件/交易文件.pdf")}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await Archivist.GetAsync($"/api/v1/projects/{CodeB}/versions/1/manifest")).StatusCode);

        var notice = itemsB.Single(i => i.Role == "transaction-notice").Bytes;
        var key = $"objects/sha256/{AccessCalls.Sha256(notice)[..2]}/{AccessCalls.Sha256(notice)[2..4]}/{AccessCalls.Sha256(notice)}";
        await StoreTampering.FlipByteAsync(Factory.Services.GetRequiredService<CustodyStores>().Online, key, 20);
        var run = await Archivist.RunVerificationAsync(new { projects = new[] { CodeB }, copies = new[] { "online" } });
        Assert.Equal(1, run.GetProperty("repaired").GetInt32());
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>The required items of <c>other</c>, made unique to the project so no object is shared between A and B.</summary>
    private static List<(string Path, string Role, string MediaType, byte[] Bytes)> Items(string code) =>
    [
        ("记录/项目信息.json", "project-record", "application/json", System.Text.Encoding.UTF8.GetBytes($"{{\"dataset\":\"501\",\"code\":\"{code}\"}}")),
        ("公告/交易公告.pdf", "transaction-notice", "application/pdf", SampleProject.Pdf("notice " + code)),
        ("文件/交易文件.pdf", "transaction-documents", "application/pdf", GrantsHost.RealPdf("交易文件 " + code)),
        ("记录/交易过程记录.json", "transaction-record", "application/json", System.Text.Encoding.UTF8.GetBytes($"{{\"dataset\":\"506\",\"code\":\"{code}\"}}")),
        ("公告/结果公示.pdf", "result-publicity", "application/pdf", SampleProject.Pdf("result " + code)),
    ];

    private async Task SealAsync(HttpClient ingest, string code, string region, List<(string Path, string Role, string MediaType, byte[] Bytes)> items, bool withRecording)
    {
        var metadata = new
        {
            project = new { code, name = "某国有资产处置项目（统计测试）", category = "other", region },
            parties = new[] { new { role = "出让人", name = "某国有企业", creditCode = "91350100M000100Y43" } },
            dates = new { announcement = "2026-01-05", opening = "2026-02-01", award = "2026-02-10", completion = "2026-03-01" },
            flags = new Dictionary<string, bool> { ["centreRanOpening"] = withRecording },
        };
        var created = await ingest.PostAsJsonAsync("/api/v1/submissions", metadata);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await IngestFlow.UploadAsync(ingest, id, items);
        await IngestFlow.SealAsync(ingest, id);
        var state = await ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(90));
        Versions.Add((code, state.GetProperty("version").GetInt32(), items.Count, items.Sum(i => (long)i.Bytes.Length)));
    }

    private async Task<byte[]> WavAsync(int seconds)
    {
        var path = Path.Combine(Factory.DataDirectory, "tone.wav");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=8000:duration={seconds}", "-c:a", "pcm_s16le", path })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return await File.ReadAllBytesAsync(path);
    }
}
