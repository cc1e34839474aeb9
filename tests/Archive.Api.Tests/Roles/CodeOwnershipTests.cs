using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests.Roles;

/// <summary>Issue 9 point 8: a trading system submits only the project codes its platform was bound to.</summary>
public sealed class CodeOwnershipTests : ApiTest
{
    private static object Metadata(string code, string region) => new
    {
        project = new { code, name = "某州某国有资产处置项目（测试）", category = "other", region },
        parties = new[] { new { role = "出让人", name = "某国有企业", creditCode = "91350100M000100Y43" } },
        dates = new { announcement = "2026-01-05" },
    };

    private static string Code(string region) => "Z" + region + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(long Ledger, long Submissions, int StagedFiles)> StateAsync() => (
        await TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ledger.entries"),
        await TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ingest.submissions"),
        // Checkpoint witnesses and the ledger's export come and go with the ledger's own timing; every other stored file counts.
        Directory.EnumerateFiles(Factory.DataDirectory, "*", SearchOption.AllDirectories).Count(f => !LedgerTimedFiles.Contains(f)));

    [Fact]
    public async Task Submission_Answers403CodeNotOwned_OutsideTheBoundRegions_AndChangesNothing()
    {
        var (_, kunming) = await Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心", ["5301"]);
        var (_, dali) = await Admin.CreatePrincipalAsync("大理州电子交易系统", "ingest", "大理州公共资源交易中心", ["5329"]);
        var kunmingCode = Code("530102");
        Assert.Equal(HttpStatusCode.Created, (await Factory.ClientWith(kunming).PostAsJsonAsync("/api/v1/submissions", Metadata(kunmingCode, "530102"))).StatusCode);
        var before = await StateAsync();

        // Dali may not claim a Kunming code, not even by declaring a Dali region; nor a new Kunming code.
        var claim = await Factory.ClientWith(dali).PostAsJsonAsync("/api/v1/submissions", Metadata(kunmingCode, "532901"));
        var fresh = await Factory.ClientWith(dali).PostAsJsonAsync("/api/v1/submissions", Metadata(Code("530102"), "532901"));

        var problem = await claim.AssertProblemAsync(HttpStatusCode.Forbidden, "submission.code-not-owned");
        Assert.Equal("project.code", problem.GetProperty("field").GetString());
        await fresh.AssertProblemAsync(HttpStatusCode.Forbidden, "submission.code-not-owned");
        Assert.Equal(before, await StateAsync());
        Assert.Equal(HttpStatusCode.Created, (await Factory.ClientWith(dali).PostAsJsonAsync("/api/v1/submissions", Metadata(Code("532901"), "532901"))).StatusCode);
    }

    [Fact]
    public async Task UnboundTradingSystem_SubmitsNothing_UntilAnAdministratorBindsIt_WhichIsLedgered()
    {
        var created = await (await Admin.PostAsJsonAsync("/api/v1/principals", new { name = "新平台", role = "ingest", organization = "某县公共资源交易中心" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var ingest = Factory.ClientWith(created.GetProperty("token").GetString());
        var code = Code("530402");
        await (await ingest.PostAsJsonAsync("/api/v1/submissions", Metadata(code, "530402"))).AssertProblemAsync(HttpStatusCode.Forbidden, "submission.code-not-owned");
        await (await ingest.PutAsJsonAsync($"/api/v1/principals/{id}/codes", new { regions = new[] { "5304" } })).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await Admin.PutAsJsonAsync($"/api/v1/principals/{id}/codes", new { regions = new[] { "53040" } })).AssertProblemAsync(HttpStatusCode.BadRequest, "principal.region");

        var bound = await Admin.PutAsJsonAsync($"/api/v1/principals/{id}/codes", new { regions = new[] { "5304" }, codePrefixes = new[] { "YXLEGACY-" } });

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/v1/submissions", Metadata(code, "530402"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/v1/submissions", Metadata("YXLEGACY-2026-001", "530402"))).StatusCode);
        await (await ingest.PostAsJsonAsync("/api/v1/submissions", Metadata("OTHER-2026-001", "530402"))).AssertProblemAsync(HttpStatusCode.Forbidden, "submission.code-not-owned");
        var entry = Assert.Single(await LedgerReading.AllEntriesAsync(Admin), e => e.GetProperty("type").GetString() == "principal.codes-bound");
        Assert.Equal(id.ToString(), entry.GetProperty("principal").GetString());
        Assert.Equal("5304", Assert.Single(entry.GetProperty("regions").EnumerateArray()).GetString());
    }
}
