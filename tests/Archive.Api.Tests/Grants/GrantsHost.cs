using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Api.Reports;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.Submissions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;

namespace Archive.Api.Tests.Grants;

/// <summary>
/// A whole archive host whose <see cref="IClock"/> is a <see cref="FakeClock"/> (starting now, so that sealing's
/// date checks see today), with the principals of the access story and helpers to archive projects through the API.
/// </summary>
public sealed class GrantsHost : IAsyncDisposable
{
    private readonly ArchiveApiFactory _factory;
    private readonly WebApplicationFactory<Program> _host;

    private GrantsHost(ArchiveApiFactory factory, FakeClock clock)
    {
        _factory = factory;
        Clock = clock;
        _host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<IClock>(clock));
        }));
    }

    /// <summary>The host's clock.</summary>
    public FakeClock Clock { get; }

    /// <summary>The host's database connection string.</summary>
    public string Database => _factory.Database;

    /// <summary>The host's data folder (its filesystem stores are <c>online/</c> and <c>offline/</c> in it).</summary>
    public string DataDirectory => _factory.DataDirectory;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Ingest { get; private set; } = null!;

    public static async Task<GrantsHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var factory = await ArchiveApiFactory.CreateAsync(settings, dataDirectory: dataDirectory);
        // Whole milliseconds: the ledger and PostgreSQL keep microseconds, and entries compare by text.
        var now = Instant.FromUnixTimeMilliseconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeMilliseconds());
        var host = new GrantsHost(factory, new FakeClock(now, Duration.FromMilliseconds(1)));
        host.Admin = host.ClientWith(factory.AdminToken);
        var (_, ingest) = await host.Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        host.Ingest = host.ClientWith(ingest);
        return host;
    }

    /// <summary>Sends a GET as if from the socket peer <paramref name="peer"/>, with extra request headers.</summary>
    public Task<Microsoft.AspNetCore.Http.HttpContext> GetFromAsync(string path, System.Net.IPAddress peer, string? token, IReadOnlyDictionary<string, string>? headers = null) =>
        _host.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = peer;
            if (token is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Request.Headers[name] = value;
            }
        });

    public HttpClient ClientWith(string? token)
    {
        var client = _host.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<(Guid Id, HttpClient Client)> PrincipalAsync(string name, string role, string? organization)
    {
        var (id, token) = await Admin.CreatePrincipalAsync(name, role, organization);
        return (id, ClientWith(token));
    }

    /// <summary>A real PDF with Chinese text (PDFsharp can open it to watermark it).</summary>
    public static byte[] RealPdf(string title) =>
        ChineseTextPdf.Render(new PdfTextDocument(title, ["昆明市某国有资产处置项目交易文件。", "本文件仅供测试。"]));

    /// <summary>A small MP4-shaped video: an ftyp box then a counted payload, so ranges have known bytes.</summary>
    public static byte[] Video(int size)
    {
        var bytes = new byte[size];
        byte[] ftyp = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8];
        ftyp.CopyTo(bytes, 0);
        for (var i = 24; i < size; i++)
        {
            bytes[i] = unchecked((byte)(i * 7));
        }

        return bytes;
    }

    /// <summary>A JSON record holding a resident identity number and phone numbers.</summary>
    public static byte[] PersonalRecord() => Encoding.UTF8.GetBytes(
        """{"dataset":"506","bidder":{"name":"张三","idNumber":"53010219900307123X","mobile":"13812345678","office":"0871-65123456"},"bids":[1,2,3],"tel":13987654321}""");

    /// <summary>Submits, seals and waits until archived a project with a PDF, a JSON record with personal data and a video.</summary>
    public async Task<ArchivedProject> ArchiveProjectAsync()
    {
        var code = SampleProject.NewCode();
        var metadata = new
        {
            project = new { code, name = "昆明市某国有资产处置项目（测试）", category = "other", region = "530100" },
            parties = new[] { new { role = "出让人", name = "昆明市某国有企业", creditCode = "91350100M000100Y43" } },
            dates = new { announcement = "2026-01-05", opening = "2026-02-01", award = "2026-02-10", completion = "2026-03-01" },
            flags = new Dictionary<string, bool> { ["centreRanOpening"] = true },
        };
        var created = await Ingest.PostAsJsonAsync("/api/v1/submissions", metadata);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var pdf = RealPdf("交易文件");
        var video = Video(300_000);
        var record = PersonalRecord();
        var items = new List<(string Path, string Role, string MediaType, byte[] Bytes)>
        {
            ("记录/项目信息.json", "project-record", "application/json", "{\"dataset\":\"501\",\"name\":\"项目信息\"}"u8.ToArray()),
            ("公告/交易公告.pdf", "transaction-notice", "application/pdf", SampleProject.Pdf("notice")),
            ("文件/交易文件.pdf", "transaction-documents", "application/pdf", pdf),
            ("记录/交易过程记录.json", "transaction-record", "application/json", record),
            ("公告/结果公示.pdf", "result-publicity", "application/pdf", SampleProject.Pdf("result")),
            ("音视频/开标录像.mp4", "av-recording", "video/mp4", video),
        };
        foreach (var (path, role, mediaType, bytes) in items)
        {
            var put = await Ingest.PutItemAsync(id, path, role, mediaType, bytes);
            Assert.True(put.StatusCode == HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
        }

        var seal = await Ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);
        Assert.True(seal.StatusCode == HttpStatusCode.Accepted, await seal.Content.ReadAsStringAsync());
        // Generous: on two shared cores, with every test class's host sealing at once, a seal can take a while.
        await Ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(180));
        return new ArchivedProject(code, pdf, video, record);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _factory.DisposeAsync();
    }
}

/// <summary>A project archived by <see cref="GrantsHost.ArchiveProjectAsync"/>, with the bytes it holds.</summary>
public sealed record ArchivedProject(string Code, byte[] Pdf, byte[] Video, byte[] Record)
{
    public const string PdfPath = "文件/交易文件.pdf";
    public const string VideoPath = "音视频/开标录像.mp4";
    public const string RecordPath = "记录/交易过程记录.json";

    public string ItemUrl(string path) => $"/api/v1/projects/{Uri.EscapeDataString(Code)}/items/{SampleProject.EscapePath(path)}";
}
