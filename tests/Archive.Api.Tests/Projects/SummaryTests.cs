using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Api.Tests.Projects;

[Collection(ReadingCollection.Name)]
public sealed class SummaryTests(ReadingFixture fixture)
{
    [Fact]
    public async Task Summary_ShowsSealedVersionWithCopies_AndNoMissingItems_AfterSealSucceeded()
    {
        var summary = await fixture.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{fixture.Sealed}");

        var version = Assert.Single(summary.GetProperty("versions").EnumerateArray());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(fixture.SealedItems.Count, version.GetProperty("itemCount").GetInt32());
        Assert.Equal(fixture.SealedItems.Sum(i => (long)i.Bytes.Length), version.GetProperty("bytes").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", version.GetProperty("manifestSha256").GetString());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("previous").ValueKind);
        Assert.Equal("confirmed", version.GetProperty("copies").GetProperty("online").GetString());
        Assert.Equal("confirmed", version.GetProperty("copies").GetProperty("offline").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("lastVerification").ValueKind);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("submission").ValueKind);
        Assert.Empty(summary.GetProperty("missingItems").EnumerateArray());

        var sealedEntry = await ReadLedger.EntryAsync(fixture.Archivist, version.GetProperty("ledgerIndex").GetInt64());
        Assert.Equal("package.sealed", sealedEntry.GetProperty("type").GetString());
        Assert.Equal(version.GetProperty("manifestSha256").GetString(), sealedEntry.GetProperty("manifestSha256").GetString());
    }

    [Fact]
    public async Task Summary_ListsMissingRequiredItemsSinceFirstReport_WhenSealAttemptsFailed()
    {
        var summary = await fixture.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{fixture.Incomplete}");

        Assert.Empty(summary.GetProperty("versions").EnumerateArray());
        Assert.Equal("open", summary.GetProperty("submission").GetProperty("status").GetString());
        var missing = summary.GetProperty("missingItems").EnumerateArray().ToList();
        Assert.Equal(["result-publicity", "transaction-documents", "transaction-notice", "transaction-record"],
            missing.Select(m => m.GetProperty("role").GetString()).Order(StringComparer.Ordinal));
        foreach (var item in missing)
        {
            var since = DateTimeOffset.Parse(item.GetProperty("since").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var last = DateTimeOffset.Parse(item.GetProperty("lastReportedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(since.ToUnixTimeMilliseconds() <= fixture.FirstMissingReportedAt, "since is the first report");
            Assert.True(last > since, "the second attempt moved lastReportedAt only");
            Assert.Equal(2, item.GetProperty("attempts").GetInt32());
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", item.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Summary_AcceptsUrlEncodedCode_AndAnswers404ForUnknownProject()
    {
        var code = $"昆公资（{fixture.Prefix}）号/01";
        await fixture.OpenAsync(code, "旧编号项目");
        var found = await fixture.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{Uri.EscapeDataString(code)}");
        Assert.Equal(code, found.GetProperty("project").GetProperty("code").GetString());

        var response = await fixture.Archivist.GetAsync($"/api/v1/projects/{Uri.EscapeDataString("不存在/的编号")}");
        var problem = await Infrastructure.ApiCalls.AssertProblemAsync(response, HttpStatusCode.NotFound, "project.not-found");
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }
}
