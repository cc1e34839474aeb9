using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using NodaTime;

namespace Archive.Api.Tests.Projects;

[Collection(ReadingCollection.Name)]
public sealed class CatalogueTests(ReadingFixture fixture)
{
    private static string Today => SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date.ToString("yyyy-MM-dd", null);

    private async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/projects?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Codes(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task Search_MatchesCodePrefixAndChineseNameSubstring()
    {
        var byPrefix = await SearchAsync(fixture.Archivist, "q=" + fixture.Prefix);
        Assert.Equal([fixture.Masked, fixture.Incomplete, fixture.Sealed], Codes(byPrefix));
        Assert.Equal(3, byPrefix.GetProperty("total").GetInt64());

        var byName = await SearchAsync(fixture.Archivist, "q=" + Uri.EscapeDataString("阅档测试"));
        Assert.Equal([fixture.Sealed], Codes(byName));
        var entry = byName.GetProperty("items")[0];
        Assert.Equal(1, entry.GetProperty("latestVersion").GetInt32());
        Assert.Equal("other", entry.GetProperty("category").GetString());
        Assert.Equal("530100", entry.GetProperty("region").GetString());
        Assert.Equal("昆明市公共资源交易中心", entry.GetProperty("platform").GetString());
        Assert.False(entry.TryGetProperty("items", out _));
        Assert.Equal(JsonValueKind.Null, (await SearchAsync(fixture.Archivist, "q=" + fixture.Incomplete)).GetProperty("items")[0].GetProperty("latestVersion").ValueKind);
    }

    [Fact]
    public async Task Search_FiltersByCategoryAndReceiptDate()
    {
        Assert.Equal(3, Codes(await SearchAsync(fixture.Archivist, $"q={fixture.Prefix}&category=other&from={Today}&to={Today}")).Count);
        Assert.Empty(Codes(await SearchAsync(fixture.Archivist, $"q={fixture.Prefix}&category=land")));
        Assert.Empty(Codes(await SearchAsync(fixture.Archivist, $"q={fixture.Prefix}&from=2099-01-01")));
        Assert.Empty(Codes(await SearchAsync(fixture.Archivist, $"q={fixture.Prefix}&to=2020-01-01")));

        var bad = await fixture.Archivist.GetAsync("/api/v1/projects?from=2026-13-01");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.date");
        await (await fixture.Archivist.GetAsync("/api/v1/projects?category=nonsense")).AssertProblemAsync(HttpStatusCode.BadRequest, "catalog.category");
    }

    [Fact]
    public async Task Search_PagesAreDisjointAndStable_AndPageSizeIsCapped()
    {
        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await SearchAsync(fixture.Archivist, $"q={fixture.Prefix}&page={page}&pageSize=2");
            Assert.Equal(3, result.GetProperty("total").GetInt64());
            pages.AddRange(Codes(result));
        }

        Assert.Equal(Codes(await SearchAsync(fixture.Archivist, $"q={fixture.Prefix}")), pages);
        Assert.Equal(100, (await SearchAsync(fixture.Archivist, "pageSize=100000")).GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Search_MasksIdentityNumbersInNames()
    {
        var entry = (await SearchAsync(fixture.Auditor, "q=" + fixture.Masked)).GetProperty("items")[0];
        Assert.Equal("张三（110105********002X）名下房产司法处置", entry.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Search_IsForbidden_ForIngestRole()
    {
        var response = await fixture.Ingest.GetAsync("/api/v1/projects");
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }
}
