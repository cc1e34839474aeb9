using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests.Sealing;

/// <summary>
/// Issue 9 point 6: every path rule sealing relies on is answered before a seal is accepted (422 with every other
/// problem), never by a seal that is accepted and then stalls; each refusal leaves the ledger and the stores unchanged.
/// </summary>
public sealed class SealPathChecksTests : ApiTest
{
    private HttpClient _ingest = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, token) = await Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        _ingest = Factory.ClientWith(token);
    }

    [Theory]
    [InlineData("\u3000公告/a.pdf")]
    [InlineData("公告\u3000/a.pdf")]
    [InlineData("公告/a.pdf\u3000")]
    [InlineData("公告/a.")]
    public async Task Upload_Returns400_WhenASegmentThePassedManifestWouldRefuseIsSent(string path)
    {
        var id = await OpenAsync(SampleProject.NewCode());

        var response = await _ingest.PutItemAsync(id, path, "supplementary", "application/pdf", SampleProject.Pdf("x"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "item.path");
        Assert.Equal(0, (await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items")).GetArrayLength());
        Assert.Empty(Files("online", "staging"));
    }

    [Fact]
    public async Task Seal_Returns422WithEveryProblem_WhenTheOfflineBagKeyWouldExceedTheStoreLimits()
    {
        var code = SampleProject.NewCode();
        var id = await OpenAsync(code);
        // 1000 bytes passes the item-path rule, but "<segment>/v1/data/" pushes the bag key past 1024 bytes;
        // 252 one-letter segments pass every byte limit, but the bag key has more segments than Azure Blob allows.
        var longPath = string.Join('/', Enumerable.Repeat(new string('长', 80), 4)) + "/" + new string('a', 32) + ".pdf";
        var deepPath = string.Join('/', Enumerable.Repeat("d", 252)) + ".pdf";
        Assert.Equal(1000, System.Text.Encoding.UTF8.GetByteCount(longPath));
        foreach (var path in new[] { longPath, deepPath })
        {
            Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, path, "supplementary", "application/pdf", SampleProject.Pdf(path[..1]))).StatusCode);
        }

        var (ledgerBefore, offlineBefore) = (await LedgerSizeAsync(), BagFiles());
        var response = await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "submission.incomplete");
        var codes = Problems(problem);
        Assert.Contains(("item.path-too-long", longPath), codes);
        Assert.Contains(("item.path-too-long", deepPath), codes);
        Assert.Contains(codes, c => c.Code == "checklist.missing-role");
        await AssertStillOpenAsync(id, ledgerBefore, offlineBefore);
    }

    [Theory]
    [InlineData("公告/交易公告.pdf/附件.pdf")]
    [InlineData("公告/交易公告.PDF")]
    [InlineData("公告")]
    public async Task Seal_Returns422_WhenANewItemClashesWithAnItemCarriedOverFromTheLastVersion(string clashing)
    {
        var code = SampleProject.NewCode();
        await SealVersionOneAsync(code);
        var id = await OpenAsync(code);
        Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, clashing, "supplementary", "application/pdf", SampleProject.Pdf("v2"))).StatusCode);
        var (ledgerBefore, offlineBefore) = (await LedgerSizeAsync(), BagFiles());

        var response = await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "submission.incomplete");
        var clash = Assert.Single(Problems(problem), p => p.Code == "item.path-collision");
        Assert.Equal(clashing, clash.Field);
        await AssertStillOpenAsync(id, ledgerBefore, offlineBefore);
    }

    [Fact]
    public async Task Seal_Archives_WhenASupplementReplacesACarriedItemUnderTheSamePath()
    {
        var code = SampleProject.NewCode();
        await SealVersionOneAsync(code);
        var id = await OpenAsync(code);
        Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, "公告/交易公告.pdf", "transaction-notice", "application/pdf", SampleProject.Pdf("v2"))).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);

        Assert.Equal(2, (await _ingest.WaitForArchivedAsync(id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Upload_RecordsOnlyOneOfTwoCollidingPaths_WhenTheyRace()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await OpenAsync(SampleProject.NewCode());
            var uploads = new[] { "Race/A.pdf", "race/a.pdf", "RACE/a.PDF", "race/A.pdf" }
                .Select(p => _ingest.PutItemAsync(id, p, "supplementary", "application/pdf", SampleProject.Pdf(p)))
                .ToList();
            var answers = await Task.WhenAll(uploads);

            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
            Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            Assert.Equal(1, (await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items")).GetArrayLength());
            Assert.Single(Files("online", "staging", id.ToString("N")));
        }
    }

    private async Task<Guid> OpenAsync(string code)
    {
        var response = await _ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task SealVersionOneAsync(string code)
    {
        var id = await OpenAsync(code);
        foreach (var (path, role, type, bytes) in SampleProject.RequiredItems())
        {
            Assert.Equal(HttpStatusCode.Created, (await _ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await _ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);
        await _ingest.WaitForArchivedAsync(id);
    }

    private async Task AssertStillOpenAsync(Guid id, long ledgerBefore, int offlineBefore)
    {
        Assert.Equal("open", (await _ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}")).GetProperty("status").GetString());
        Assert.Equal(ledgerBefore, await LedgerSizeAsync());
        Assert.Equal(offlineBefore, BagFiles());
    }

    private Task<long> LedgerSizeAsync() => TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ledger.entries");

    private static List<(string? Code, string? Field)> Problems(JsonElement problem) =>
        problem.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("field").GetString())).ToList();

    // Checkpoint witnesses and the ledger's export arrive in the offline store every second; only bags count here.
    private int BagFiles() => Files("offline").Count(f => !LedgerTimedFiles.Contains(f));

    private List<string> Files(params string[] under)
    {
        var folder = Path.Combine([Factory.DataDirectory, .. under]);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList() : [];
    }
}
