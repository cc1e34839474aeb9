using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.FullText;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Api.Tests.Catalogue;

public sealed class CatalogueSearchTests(CatalogueSearchFixture fixture) : IClassFixture<CatalogueSearchFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.WaitForFullTextAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<string> Codes(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();

    private Task<JsonElement> ArchivistAsync(string query) => fixture.SearchAsync(fixture.Archivist, query);

    private static string E(string text) => Uri.EscapeDataString(text);

    [Fact]
    public async Task Search_FindsProjectsOfAParty_ByNameSubstring()
    {
        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync($"q={fixture.Prefix}&party={E("人民医院")}")));
        Assert.Equal([fixture.Wuhua, fixture.Xishan], Codes(await ArchivistAsync($"q={fixture.Prefix}&party={E("城市更新")}&sort=code&dir=asc")));
        Assert.Empty(Codes(await ArchivistAsync($"q={fixture.Prefix}&party={E("不存在的公司")}")));
    }

    [Fact]
    public async Task Query_MatchesACodePrefixInEitherCase_OrANameSubstring_WithWildcardsTakenLiterally()
    {
        // `q` runs as LIKE patterns (so the catalogue's indexes answer it): % and _ typed by a user must stay literal.
        Assert.Equal([fixture.Wuhua, fixture.Dali, fixture.Xishan], Codes(await ArchivistAsync($"q={fixture.Prefix.ToLowerInvariant()}&sort=code&dir=asc")));
        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync($"q={E("医疗设备采购")}")));
        Assert.Empty(Codes(await ArchivistAsync($"q={E(fixture.Prefix + "%")}")));
        Assert.Empty(Codes(await ArchivistAsync($"q={E(fixture.Prefix[..^1] + "_")}")));
        Assert.Empty(Codes(await ArchivistAsync($"q={E("医疗%采购")}")));
    }

    [Fact]
    public async Task Search_FindsEveryProjectOfACreditCode_Exactly()
    {
        Assert.Equal([fixture.Wuhua, fixture.Xishan], Codes(await fixture.SearchAsync(fixture.Auditor, $"creditCode={fixture.OwnerCode}&sort=code&dir=asc")));
        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync($"creditCode={fixture.DaliOwnerCode.ToLowerInvariant()}")));
    }

    [Fact]
    public async Task Search_RefusesABadCreditCode_WithAStableCodeAndChineseMessage()
    {
        var wrongCheck = fixture.OwnerCode[..17] + (fixture.OwnerCode[17] == '0' ? '1' : '0');
        var problem = await (await fixture.Archivist.GetAsync($"/api/v1/projects?creditCode={wrongCheck}")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.credit-code");
        Assert.Contains("统一社会信用代码", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("creditCode", problem.GetProperty("field").GetString());
        await (await fixture.Archivist.GetAsync("/api/v1/projects?creditCode=123")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.credit-code");
    }

    [Fact]
    public async Task Search_FiltersByAgency_OnlyAmongPartiesWhoseRoleIsAnAgency()
    {
        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync($"q={fixture.Prefix}&agency={E("苍洱")}")));
        Assert.Equal([fixture.Wuhua], Codes(await ArchivistAsync($"q={fixture.Prefix}&agency={E("工程咨询")}")));
        // The 招标人 is a party but not an agency.
        Assert.Empty(Codes(await ArchivistAsync($"q={fixture.Prefix}&agency={E("城市更新")}")));
    }

    [Fact]
    public async Task Search_FiltersByRegion_WithEverythingUnderIt()
    {
        Assert.Equal([fixture.Wuhua, fixture.Xishan], Codes(await ArchivistAsync($"q={fixture.Prefix}&region=530100&sort=code&dir=asc")));
        Assert.Equal([fixture.Wuhua], Codes(await ArchivistAsync($"q={fixture.Prefix}&region=530102")));
        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync($"q={fixture.Prefix}&region=5329")));
        Assert.Equal(3, Codes(await ArchivistAsync($"q={fixture.Prefix}&region=53")).Count);
        await (await fixture.Archivist.GetAsync("/api/v1/projects?region=5301x")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.region");
    }

    [Fact]
    public async Task FullText_ThreeOrMoreCharacters_FindsThePhraseInsideAPdf_WithItemAndMaskedSnippet()
    {
        var page = await ArchivistAsync("text=" + E("普吉路道路提升"));
        Assert.Equal([fixture.Wuhua], Codes(page));
        var match = page.GetProperty("items")[0].GetProperty("match");
        Assert.Equal("公告/交易公告.pdf", match.GetProperty("path").GetString());
        Assert.Equal(1, match.GetProperty("version").GetInt32());
        var snippet = match.GetProperty("snippet").GetString()!;
        Assert.Contains("普吉路道路提升", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length <= 30 + 7 + 30 + 2, snippet);

        var phone = (await ArchivistAsync("text=" + E("联系电话"))).GetProperty("items")[0].GetProperty("match").GetProperty("snippet").GetString()!;
        Assert.Contains("139****5678", phone, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", phone, StringComparison.Ordinal);

        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync("text=" + E("评分办法"))));
        Assert.Equal(JsonValueKind.Null, (await ArchivistAsync($"q={fixture.Dali}")).GetProperty("items")[0].GetProperty("match").ValueKind);
    }

    [Fact]
    public async Task FullText_OneOrTwoCharacters_NeedAnotherCriterion_AndThenMatch()
    {
        var problem = await (await fixture.Archivist.GetAsync("/api/v1/projects?text=" + E("中标"))).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.text-too-short");
        Assert.Equal("text", problem.GetProperty("field").GetString());
        await (await fixture.Archivist.GetAsync("/api/v1/projects?text=" + E("昆"))).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.text-too-short");

        Assert.Equal([fixture.Wuhua], Codes(await ArchivistAsync($"q={fixture.Prefix}&text={E("中标")}")));
        Assert.Equal([fixture.Wuhua, fixture.Xishan], Codes(await ArchivistAsync($"region=5301&q={fixture.Prefix}&text={E("昆")}&sort=code&dir=asc")));
        var dian = await ArchivistAsync($"q={fixture.Prefix}&text={E("滇池")}");
        Assert.Equal([fixture.Xishan], Codes(dian));
        Assert.Contains("滇池", dian.GetProperty("items")[0].GetProperty("match").GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullText_IsRefusedToAuditors_ContentNeedsAGrant()
    {
        await (await fixture.Auditor.GetAsync("/api/v1/projects?text=" + E("普吉路道路"))).AssertProblemAsync(HttpStatusCode.Forbidden, "catalog.full-text-forbidden");
        Assert.Equal(3, Codes(await fixture.SearchAsync(fixture.Auditor, $"q={fixture.Prefix}")).Count);
    }

    [Fact]
    public async Task Sort_AndPaging_AreServerSide_DisjointAndStable()
    {
        var ascending = Codes(await ArchivistAsync($"q={fixture.Prefix}&sort=code&dir=asc"));
        Assert.Equal([fixture.Wuhua, fixture.Dali, fixture.Xishan], ascending);
        Assert.Equal(Enumerable.Reverse(ascending), Codes(await ArchivistAsync($"q={fixture.Prefix}&sort=code&dir=desc")));

        var byName = Codes(await ArchivistAsync($"q={fixture.Prefix}&sort=name&dir=asc"));
        // By code point: 五 U+4E94 < 大 U+5927 < 西 U+897F.
        Assert.Equal([fixture.Wuhua, fixture.Dali, fixture.Xishan], byName);
        Assert.Equal([fixture.Xishan, fixture.Dali, fixture.Wuhua], Codes(await ArchivistAsync($"q={fixture.Prefix}&sort=name&dir=desc")));

        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await ArchivistAsync($"q={fixture.Prefix}&sort=sealedAt&dir=asc&page={page}&pageSize=1");
            Assert.Equal(3, result.GetProperty("total").GetInt64());
            pages.AddRange(Codes(result));
        }

        Assert.Equal(Codes(await ArchivistAsync($"q={fixture.Prefix}&sort=sealedAt&dir=asc")), pages);
        Assert.Equal(3, pages.Distinct().Count());
        await (await fixture.Archivist.GetAsync("/api/v1/projects?sort=size")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.sort");
        await (await fixture.Archivist.GetAsync("/api/v1/projects?sort=code&dir=up")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.sort");
    }

    [Fact]
    public async Task Csv_IsUtf8WithBom_ChineseHeadings_OneRowPerMatch_ForArchivistsOnly()
    {
        var response = await fixture.Archivist.GetAsync($"/api/v1/projects.csv?q={fixture.Prefix}&sort=code&dir=asc&text={E("公告")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("项目编号,项目名称,交易类别,行政区划,交易平台,最新版本,首次接收时间,首次封存时间,最近封存时间,全文命中条目,全文摘录", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{fixture.Wuhua},五华区普吉路道路提升改造工程（检索测试）,other,530102,", lines[1], StringComparison.Ordinal);
        Assert.Contains("公告/交易公告.pdf", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(fixture.Dali + ",", lines[2], StringComparison.Ordinal);

        await (await fixture.Auditor.GetAsync($"/api/v1/projects.csv?q={fixture.Prefix}")).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await fixture.Archivist.GetAsync("/api/v1/projects.csv?creditCode=X")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.credit-code");
    }

    [Fact]
    public async Task Backfill_RecordsAMissingText_AndIsIdempotent()
    {
        var job = fixture.Factory.Services.GetRequiredService<FullTextJob>();
        var db = fixture.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var delete = db.CreateCommand("DELETE FROM ingest.item_texts WHERE project_code = $1 AND path = '文件/交易文件.pdf'"))
        {
            delete.Parameters.Add(new() { Value = fixture.Dali });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Empty(Codes(await ArchivistAsync("text=" + E("评分办法"))));
        Assert.Equal(1, await job.BackfillAsync(CancellationToken.None));
        Assert.Equal(0, await job.BackfillAsync(CancellationToken.None));
        Assert.Equal([fixture.Dali], Codes(await ArchivistAsync("text=" + E("评分办法"))));

        await using var statuses = db.CreateCommand("SELECT status, count(*) FROM ingest.item_texts WHERE project_code = ANY($1) GROUP BY status");
        statuses.Parameters.Add(new() { Value = new[] { fixture.Wuhua, fixture.Dali, fixture.Xishan } });
        await using var r = await statuses.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await r.ReadAsync())
        {
            counts[r.GetString(0)] = r.GetInt64(1);
        }

        // Two Chinese PDFs per project carry text; the sample result notice is an empty page (no text layer).
        Assert.Equal(new Dictionary<string, long> { ["text"] = 6, ["no-text"] = 3 }, counts);
    }

    [Fact]
    public async Task Extraction_CapsTheStoredText_AndMarksItTruncated()
    {
        var db = fixture.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        async Task DeleteAsync()
        {
            await using var delete = db.CreateCommand("DELETE FROM ingest.item_texts WHERE project_code = $1 AND path = '文件/交易文件.pdf'");
            delete.Parameters.Add(new() { Value = fixture.Wuhua });
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        await DeleteAsync();
        var capped = ActivatorUtilities.CreateInstance<FullTextJob>(fixture.Factory.Services, new FullTextOptions { MaxTextChars = 10 });
        Assert.Equal(1, await capped.BackfillAsync(CancellationToken.None));
        await using (var row = db.CreateCommand("SELECT text, truncated, status FROM ingest.item_texts WHERE project_code = $1 AND path = '文件/交易文件.pdf'"))
        {
            row.Parameters.Add(new() { Value = fixture.Wuhua });
            await using var r = await row.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(10, r.GetString(0).Length);
            Assert.True(r.GetBoolean(1));
            Assert.Equal("text", r.GetString(2));
        }

        // Put the whole text back for the other tests.
        await DeleteAsync();
        Assert.Equal(1, await fixture.Factory.Services.GetRequiredService<FullTextJob>().BackfillAsync(CancellationToken.None));
    }
}
