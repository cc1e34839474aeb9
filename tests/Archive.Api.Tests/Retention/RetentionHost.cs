using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.Hosting;
using Archive.Ingest.Retention;
using Archive.Integrity.Ledger;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;

namespace Archive.Api.Tests.Retention;

/// <summary>
/// A host on a <see cref="FakeClock"/> with an archivist and two approvers (the appraisal group), and projects whose
/// retention ends a few days from now (category <c>other</c>: 15 years from completion).
/// </summary>
public sealed class RetentionHost : IAsyncDisposable
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private readonly GrantsHost _host;

    private RetentionHost(GrantsHost host) => _host = host;

    public FakeClock Clock => _host.Clock;

    /// <summary>The host underneath (its trading system, database and principals).</summary>
    public GrantsHost Host => _host;

    public Guid ArchivistId { get; private set; }

    public IServiceProvider Services => _host.Services;

    public IngestStores Stores => Services.GetRequiredService<IngestStores>();

    public HttpClient Archivist { get; private set; } = null!;

    public HttpClient Approver1 { get; private set; } = null!;

    public HttpClient Approver2 { get; private set; } = null!;

    /// <summary>Starts the host, on a data folder the caller keeps (and deletes) when given.</summary>
    public static async Task<RetentionHost> StartAsync(string? dataDirectory = null)
    {
        var host = new RetentionHost(await GrantsHost.StartAsync(dataDirectory: dataDirectory));
        (host.ArchivistId, host.Archivist) = await host._host.PrincipalAsync("档案员甲", "archivist", "昆明市公共资源交易中心");
        host.Approver1 = (await host._host.PrincipalAsync("审批人乙", "approver", "昆明市公共资源交易中心")).Client;
        host.Approver2 = (await host._host.PrincipalAsync("审批人丙", "approver", "昆明市公共资源交易中心")).Client;
        return host;
    }

    public Task<long> LedgerSizeAsync() => Services.GetRequiredService<ILedger>().GetSizeAsync(CancellationToken.None);

    public DisposalJob Job() => Services.GetRequiredService<DisposalJob>();

    public LocalDate Today => Clock.GetCurrentInstant().InZone(Shanghai).Date;

    /// <summary>Archives a project (unique item bytes) whose retention ends <paramref name="days"/> days after today.</summary>
    public async Task<RetainedProject> ArchiveEndingInAsync(int days)
    {
        var code = SampleProject.NewCode();
        var completion = Today.PlusYears(-15).PlusDays(days);
        string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
        var metadata = new
        {
            project = new { code, name = "昆明市某国有资产处置项目（保管期满测试）", category = "other", region = "530100" },
            parties = new[] { new { role = "出让人", name = "昆明市某国有企业", creditCode = "91350100M000100Y43" } },
            dates = new { announcement = Iso(completion.PlusDays(-60)), opening = Iso(completion.PlusDays(-30)), award = Iso(completion.PlusDays(-20)), completion = Iso(completion) },
            flags = new Dictionary<string, bool>(),
        };
        var created = await _host.Ingest.PostAsJsonAsync("/api/v1/submissions", metadata);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Bytes unique to the project, so no content-addressed object is shared with another project.
        var items = SampleProject.RequiredItems()
            .Select(i => (i.Path, i.Role, i.MediaType, Bytes: i.MediaType == "application/pdf"
                ? SampleProject.Pdf($"{i.Role} {code}")
                : System.Text.Encoding.UTF8.GetBytes($"{{\"dataset\":\"501\",\"code\":\"{code}\",\"role\":\"{i.Role}\"}}")))
            .ToList();
        foreach (var (path, role, mediaType, bytes) in items)
        {
            var put = await _host.Ingest.PutItemAsync(id, path, role, mediaType, bytes);
            Assert.True(put.StatusCode == HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
        }

        var seal = await _host.Ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);
        Assert.True(seal.StatusCode == HttpStatusCode.Accepted, await seal.Content.ReadAsStringAsync());
        await _host.Ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(180));
        return new RetainedProject(code, items.Select(i => (i.Path, i.Bytes)).ToList());
    }

    public Task<HttpResponseMessage> ProposeAsync(string code) =>
        Archivist.PostAsJsonAsync("/api/v1/disposals", new { projects = new[] { code }, reason = "保管期满，经鉴定无继续保存价值" });

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid id, string decision, string? comment = null, string? extendUntil = null) =>
        client.PostAsJsonAsync($"/api/v1/disposals/{id}/decisions", new { decision, comment, extendUntil });

    /// <summary>Polls the disposal until it has <paramref name="status"/> (60 s at most).</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid id, string status)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement disposal;
        do
        {
            disposal = await Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/disposals/{id}");
            if (disposal.GetProperty("status").GetString() == status)
            {
                return disposal;
            }

            await Task.Delay(200);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(60));

        throw new TimeoutException($"disposal {id} did not reach {status}: {disposal}");
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

/// <summary>A project archived by <see cref="RetentionHost.ArchiveEndingInAsync"/> with its items' bytes.</summary>
public sealed record RetainedProject(string Code, IReadOnlyList<(string Path, byte[] Bytes)> Items)
{
    public string ItemUrl(string path) => $"/api/v1/projects/{Uri.EscapeDataString(Code)}/items/{SampleProject.EscapePath(path)}";

    public string Sha256(int item) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Items[item].Bytes));
}
