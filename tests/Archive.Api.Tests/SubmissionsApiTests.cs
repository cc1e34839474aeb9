using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests;

public sealed class SubmissionsApiTests : ApiTest
{
    private HttpClient _ingest = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, token) = await Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        _ingest = Factory.ClientWith(token);
    }

    private async Task<Guid> OpenAsync(string? code = null, string category = "other", string creditCode = "91350100M000100Y43")
    {
        var response = await _ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code ?? SampleProject.NewCode(), category, creditCode));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("open", body.GetProperty("status").GetString());
        return body.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Upload_HashesWhileStreaming_AndReportsBothDigests()
    {
        var id = await OpenAsync();
        var bytes = SampleProject.Pdf("招标文件");

        var response = await _ingest.PutItemAsync(id, "文件/交易文件.pdf", "transaction-documents", "application/pdf", bytes,
            Convert.ToHexStringLower(SHA256.HashData(bytes)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), item.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, item.GetProperty("size").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", item.GetProperty("sm3").GetString());
        Assert.Equal("文件/交易文件.pdf", item.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Seal_Returns422WithEveryProblemAtOnce_WhenItemsAndMetadataAreWrong()
    {
        var id = await OpenAsync(creditCode: "91350100M000100Y44");
        var (path, role, type, bytes) = SampleProject.RequiredItems()[0];
        Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);

        var response = await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "submission.incomplete");
        var codes = problem.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("field").GetString())).ToList();
        Assert.Contains(("credit-code.checksum", "parties[0].creditCode"), codes);
        Assert.Equal(4, codes.Count(c => c.Item1 == "checklist.missing-role"));
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains("交易公告", StringComparison.Ordinal));
        var status = await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}");
        Assert.Equal("open", status.GetProperty("status").GetString());
        Assert.Equal(5, status.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Upload_Returns422AndKeepsNothing_WhenDeclaredHashDoesNotMatch()
    {
        var id = await OpenAsync();

        var response = await _ingest.PutItemAsync(id, "a.pdf", "transaction-documents", "application/pdf", SampleProject.Pdf("x"), new string('0', 64));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "item.digest-mismatch");
        Assert.Equal(0, (await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items")).GetArrayLength());
        Assert.Empty(StagedFiles(id));
    }

    [Fact]
    public async Task Upload_Returns422AndKeepsNothing_WhenBytesContradictTheMediaType()
    {
        var id = await OpenAsync();

        var response = await _ingest.PutItemAsync(id, "photo.png", "supplementary", "image/png", SampleProject.Pdf("not a png"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "item.media-type");
        Assert.Empty(StagedFiles(id));
    }

    [Theory]
    [InlineData("a%5Cb.pdf")]
    [InlineData("%2E%2E/%2E%2E/escape.pdf")]
    [InlineData("a//b.pdf")]
    [InlineData("a/%20/b.pdf")]
    [InlineData("ctl%01.pdf")]
    [InlineData("100%25.pdf")]
    public async Task Upload_IsRefused_WhenThePathCouldEscapeOrBeMisread(string escapedPath)
    {
        var id = await OpenAsync();
        var content = new ByteArrayContent(SampleProject.Pdf("x"));
        content.Headers.ContentType = new("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/submissions/{id}/items/{escapedPath}", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Item-Role", "transaction-documents");

        var response = await _ingest.SendAsync(request);

        // Dot segments are resolved by HTTP itself before routing (RFC 3986 §5.2.4), so they reach another route or none.
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{escapedPath}: {response.StatusCode}");
        Assert.Equal(0, (await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items")).GetArrayLength());
        Assert.False(Directory.Exists(Path.Combine(Factory.DataDirectory, "escape.pdf")));
    }

    [Fact]
    public async Task Upload_NeverStoresADotSegment_WhenTheUrlCarriesOne()
    {
        var id = await OpenAsync();
        var content = new ByteArrayContent(SampleProject.Pdf("x"));
        content.Headers.ContentType = new("application/pdf");
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/submissions/{id}/items/a/%2E/b.pdf", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Item-Role", "transaction-documents");

        await Factory.ClientWith(null).SendAsync(request); // unauthenticated: nothing may be stored
        request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/submissions/{id}/items/a/%2E/b.pdf", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Item-Role", "transaction-documents");
        var response = await _ingest.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items");
        Assert.Equal("a/b.pdf", Assert.Single(items.EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Upload_IsRefused_WhenPathsCollideOnCaseInsensitiveMedia()
    {
        var id = await OpenAsync();
        Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, "Docs/A.pdf", "supplementary", "application/pdf", SampleProject.Pdf("1"))).StatusCode);

        await (await _ingest.PutItemAsync(id, "docs/a.pdf", "supplementary", "application/pdf", SampleProject.Pdf("2")))
            .AssertProblemAsync(HttpStatusCode.Conflict, "item.path-collision");
        await (await _ingest.PutItemAsync(id, "Docs/A.pdf/inner.pdf", "supplementary", "application/pdf", SampleProject.Pdf("3")))
            .AssertProblemAsync(HttpStatusCode.Conflict, "item.path-collision");
    }

    [Fact]
    public async Task Create_Returns400AndStoresNothing_WhenCategoryIsUnknown()
    {
        var code = SampleProject.NewCode();

        var response = await _ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code, "lottery"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "category.unknown");
        Assert.Equal(0L, await TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ingest.projects WHERE code = $1", code));
    }

    [Fact]
    public async Task Submissions_AreInvisibleToOtherPlatforms_AndClosedToOtherRoles()
    {
        var id = await OpenAsync();
        var (_, otherToken) = await Admin.CreatePrincipalAsync("曲靖市电子交易系统", "ingest", "曲靖市公共资源交易中心");
        var (_, archivistToken) = await Admin.CreatePrincipalAsync("档案员", "archivist", "昆明市公共资源交易中心");
        var other = Factory.ClientWith(otherToken);

        await (await other.GetAsync($"/api/v1/submissions/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "submission.other-platform");
        await (await other.PutItemAsync(id, "a.pdf", "supplementary", "application/pdf", SampleProject.Pdf("x")))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "submission.other-platform");
        await (await other.PostAsync($"/api/v1/submissions/{id}/seal", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "submission.other-platform");
        await (await Factory.ClientWith(archivistToken).GetAsync($"/api/v1/submissions/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await Factory.ClientWith(null).GetAsync($"/api/v1/submissions/{id}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal(0, (await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items")).GetArrayLength());
    }

    [Fact]
    public async Task Create_Returns409_WhenTheProjectAlreadyHasAnOpenSubmission()
    {
        var code = SampleProject.NewCode();
        await OpenAsync(code);

        var response = await _ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "submission.in-progress");
    }

    [Fact]
    public async Task Seal_Returns202ThenArchives_AndRefusesASecondSealAndLateUploads()
    {
        var id = await OpenAsync();
        foreach (var (path, role, type, bytes) in SampleProject.RequiredItems())
        {
            Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        }

        var sealing = await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);
        Assert.Equal(HttpStatusCode.Accepted, sealing.StatusCode);

        await (await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).AssertProblemAsync(HttpStatusCode.Conflict, "submission.not-open");
        await (await _ingest.PutItemAsync(id, "late.pdf", "supplementary", "application/pdf", SampleProject.Pdf("late")))
            .AssertProblemAsync(HttpStatusCode.Conflict, "submission.not-open");
        var archived = await _ingest.WaitForArchivedAsync(id);
        Assert.Equal(1, archived.GetProperty("version").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", archived.GetProperty("manifestSha256").GetString());
        var entry = JsonDocument.Parse(await _ingest.GetByteArrayAsync($"/api/v1/ledger/entries/{archived.GetProperty("ledgerIndex").GetInt64()}")).RootElement;
        Assert.Equal("package.sealed", entry.GetProperty("type").GetString());
        Assert.Equal(archived.GetProperty("manifestSha256").GetString(), entry.GetProperty("manifestSha256").GetString());
        // Staging is removed right after the archived state commits (never before): allow the job a moment to finish.
        for (var attempt = 0; attempt < 100 && StagedFiles(id).Any(); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Empty(StagedFiles(id));
    }

    private IEnumerable<string> StagedFiles(Guid id)
    {
        var folder = Path.Combine(Factory.DataDirectory, "online", "staging", id.ToString("N"));
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
