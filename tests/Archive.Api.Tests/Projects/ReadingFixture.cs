using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Archive.Api.Tests.Projects;

/// <summary>
/// One host (with the sealing job) shared by the reading tests: project <see cref="Sealed"/> sealed as version 1 after a
/// first seal attempt failed for a missing item; project <see cref="Incomplete"/> whose seal failed twice; a project
/// whose name holds an identity number; principals of every role that matters.
/// </summary>
public sealed class ReadingFixture : IAsyncLifetime
{
    private ArchiveApiFactory _factory = null!;
    private WebApplicationFactory<Program> _host = null!;

    public HttpClient Archivist { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public HttpClient Ingest { get; private set; } = null!;

    public Guid ArchivistId { get; private set; }

    /// <summary>A unique code prefix of every project this fixture creates.</summary>
    public string Prefix { get; } = "Q530100" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Sealed => Prefix + "0000001";

    public string Incomplete => Prefix + "0000002";

    public string Masked => Prefix + "0000003";

    /// <summary>A 1 MiB + 7 bytes "recording" (an MP4 signature, then random bytes) for the range tests.</summary>
    public byte[] Video { get; } = [.. "\0\0\0\u0018ftypmp42"u8, .. RandomNumberGenerator.GetBytes((1 << 20) + 7 - 12)];

    public const string VideoPath = "录像/开标现场.mp4";

    public IReadOnlyList<(string Path, string Role, string MediaType, byte[] Bytes)> SealedItems { get; private set; } = [];

    public long FirstMissingReportedAt { get; private set; }

    public async Task InitializeAsync()
    {
        _factory = await ArchiveApiFactory.CreateAsync();
        _host = _factory;
        var admin = ClientWith(_factory.AdminToken);
        (ArchivistId, var archivist) = await admin.CreatePrincipalAsync("档案员甲", "archivist", "云南省公共资源交易中心");
        Archivist = ClientWith(archivist);
        Auditor = ClientWith((await admin.CreatePrincipalAsync("审计员乙", "auditor", "云南省审计厅")).Token);
        Ingest = ClientWith((await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心", codePrefixes: ["昆公资"])).Token);

        SealedItems = [.. SampleProject.RequiredItems(), (VideoPath, "av-recording", "video/mp4", Video)];
        var id = await OpenAsync(Sealed, "昆明市某国有资产处置项目（阅档测试）");
        foreach (var (path, role, type, bytes) in SealedItems.Where(i => i.Role != "result-publicity"))
        {
            Assert.Equal(HttpStatusCode.Created, (await Ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);
        var last = SealedItems.Single(i => i.Role == "result-publicity");
        Assert.Equal(HttpStatusCode.Created, (await Ingest.PutItemAsync(id, last.Path, last.Role, last.MediaType, last.Bytes)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);

        var incomplete = await OpenAsync(Incomplete, "大理州某土地使用权出让项目");
        var first = SampleProject.RequiredItems()[0];
        Assert.Equal(HttpStatusCode.Created, (await Ingest.PutItemAsync(incomplete, first.Path, first.Role, first.MediaType, first.Bytes)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Ingest.PostAsync($"/api/v1/submissions/{incomplete}/seal", null)).StatusCode);
        FirstMissingReportedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.Delay(50);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Ingest.PostAsync($"/api/v1/submissions/{incomplete}/seal", null)).StatusCode);

        await OpenAsync(Masked, "张三（11010519491231002X）名下房产司法处置");
        await Ingest.WaitForArchivedAsync(id);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
    }

    public HttpClient ClientWith(string? token)
    {
        var client = _host.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<Guid> OpenAsync(string code, string name, string category = "other")
    {
        var metadata = JsonSerializer.SerializeToNode(SampleProject.Metadata(code, category))!;
        metadata["project"]!["name"] = name;
        var response = await Ingest.PostAsync("/api/v1/submissions", new StringContent(metadata.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
