using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests.Roles;

/// <summary>
/// Issue 9 point 5 (三员分立, 双人复核): privileged principals act only after a security administrator other than the
/// proposer confirms them; the bootstrap admin of a fresh install creates the first of each kind alone.
/// </summary>
public sealed class SeparationOfDutiesTests : ApiTest
{
    private static readonly string[] Privileged = ["archivist", "approver", "auditor", "admin", "security-admin", "audit-admin"];

    private async Task<JsonElement> ProposeAsync(HttpClient admin, string role, string name = "被提名人") =>
        await (await admin.PostAsJsonAsync("/api/v1/principals", new { name, role, organization = "测试中心" }))
            .Content.ReadFromJsonAsync<JsonElement>();

    private Task<long> LedgerSizeAsync() => TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ledger.entries");

    [Fact]
    public async Task BootstrapAdmin_CreatesTheFirstOfEachKindAlone_ThenOnlyProposes()
    {
        foreach (var role in Privileged.Where(r => r != "admin"))
        {
            var first = await ProposeAsync(Admin, role, "首个");
            Assert.Equal("active", first.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await Factory.ClientWith(first.GetProperty("token").GetString()).GetAsync("/api/v1/principals/me")).StatusCode);
        }

        foreach (var role in Privileged)
        {
            var second = await ProposeAsync(Admin, role);
            Assert.Equal("pending", second.GetProperty("status").GetString());
            await (await Factory.ClientWith(second.GetProperty("token").GetString()).GetAsync("/api/v1/principals/me"))
                .AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.principal-pending");
        }
    }

    [Fact]
    public async Task ProposedArchivist_ActsOnlyAfterASecurityAdminConfirms_AndBothStepsAreLedgered()
    {
        await ProposeAsync(Admin, "archivist", "首个档案员");
        var security = await ApiCalls.SecurityAdminTokenAsync(Admin);
        var proposed = await ProposeAsync(Admin, "archivist");
        var id = proposed.GetProperty("id").GetGuid();
        var archivist = Factory.ClientWith(proposed.GetProperty("token").GetString());
        await (await archivist.GetAsync("/api/v1/projects")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.principal-pending");

        // Neither the proposer nor an administrator of another kind can confirm.
        var before = await LedgerSizeAsync();
        await (await Admin.PostAsync($"/api/v1/principals/{id}/confirm", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await LedgerSizeAsync());
        await (await archivist.GetAsync("/api/v1/projects")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.principal-pending");

        await Admin.ConfirmPrincipalAsync(id, security);

        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync("/api/v1/projects")).StatusCode);
        await (await Factory.ClientWith(security).PostAsync($"/api/v1/principals/{id}/confirm", null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "principal.not-pending");
        var entries = await LedgerReading.AllEntriesAsync(Admin);
        Assert.Single(entries, e => e.GetProperty("type").GetString() == "principal.proposed" && e.GetProperty("principal").GetString() == id.ToString());
        var confirmed = Assert.Single(entries, e => e.GetProperty("type").GetString() == "principal.confirmed" && e.GetProperty("principal").GetString() == id.ToString());
        Assert.NotEqual(confirmed.GetProperty("by").GetString(), confirmed.GetProperty("proposedBy").GetString());
    }

    [Fact]
    public async Task ReEnablingARevokedArchivist_NeedsConfirmation_AndIssuesANewToken()
    {
        var (id, oldToken) = await Admin.CreatePrincipalAsync("档案员", "archivist", "测试中心");
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/principals/{id}")).StatusCode);

        var enabled = await (await Admin.PostAsync($"/api/v1/principals/{id}/enable", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("revoked", enabled.GetProperty("status").GetString());
        var newToken = enabled.GetProperty("token").GetString()!;
        await (await Factory.ClientWith(newToken).GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");

        await Admin.ConfirmPrincipalAsync(id, await ApiCalls.SecurityAdminTokenAsync(Admin));

        Assert.Equal(HttpStatusCode.OK, (await Factory.ClientWith(newToken).GetAsync("/api/v1/principals/me")).StatusCode);
        await (await Factory.ClientWith(oldToken).GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task OneAdministratorAlone_CannotReachContent_ByAnySequenceOfCalls()
    {
        // A fresh install past its bootstrap: the first of each kind exists, one of them a security administrator.
        foreach (var role in Privileged.Where(r => r != "admin"))
        {
            await ProposeAsync(Admin, role, "首个");
        }

        var (project, _) = await SealedProjectAsync();
        var content = $"/api/v1/projects/{project}";
        var list = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/principals");
        var firstSecurity = list.EnumerateArray().First(p => p.GetProperty("role").GetString() == "security-admin").GetProperty("id").GetGuid();
        var firstArchivist = list.EnumerateArray().First(p => p.GetProperty("role").GetString() == "archivist").GetProperty("id").GetGuid();
        var before = await LedgerSizeAsync();
        var tokens = new List<string>();

        // Every principal the administrator can make, every way it can make one.
        foreach (var role in Privileged)
        {
            tokens.Add((await ProposeAsync(Admin, role)).GetProperty("token").GetString()!);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/principals/{firstSecurity}")).StatusCode);
        tokens.Add((await ProposeAsync(Admin, "security-admin", "替补安全管理员")).GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/principals/{firstArchivist}")).StatusCode);
        tokens.Add((await (await Admin.PostAsync($"/api/v1/principals/{firstArchivist}/enable", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString()!);
        var ingest = await ProposeAsync(Admin, "ingest", "交易系统");
        tokens.Add(ingest.GetProperty("token").GetString()!);

        // It cannot confirm its own proposals, and none of them (nor itself) reads content or a grant's entries.
        var after = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/principals");
        foreach (var pending in after.EnumerateArray().Where(p => p.GetProperty("status").GetString() != "active"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Admin.PostAsync($"/api/v1/principals/{pending.GetProperty("id").GetGuid()}/confirm", null)).StatusCode);
        }

        foreach (var client in tokens.Select(Factory.ClientWith).Append(Admin))
        {
            foreach (var path in new[] { content, $"{content}/versions/1/manifest", "/api/v1/projects?q=", "/api/v1/access-log" })
            {
                var status = (await client.GetAsync(path)).StatusCode;
                Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path} answered {status}");
            }
        }

        // Only its own proposals, two revocations, a re-enabling proposal and the trading system were written.
        Assert.Equal(Privileged.Length + 5, await TestDatabase.ScalarAsync(Factory.Database,
            "SELECT count(*) FROM ledger.entries WHERE index >= $1 AND type LIKE 'principal.%'", before));
        Assert.Equal(0, await TestDatabase.ScalarAsync(Factory.Database,
            "SELECT count(*) FROM ledger.entries WHERE index >= $1 AND type NOT IN ('principal.proposed', 'principal.revoked', 'principal.created')", before));
    }

    private async Task<(string Code, Guid Submission)> SealedProjectAsync()
    {
        var (_, ingestToken) = await Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        var ingest = Factory.ClientWith(ingestToken);
        var code = SampleProject.NewCode();
        var created = await ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (path, role, mediaType, bytes) in SampleProject.RequiredItems())
        {
            Assert.Equal(HttpStatusCode.Created, (await ingest.PutItemAsync(id, path, role, mediaType, bytes)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);
        await ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(180));
        return (code, id);
    }
}
