using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Npgsql;

namespace Archive.Api.Tests;

public sealed class PrincipalsApiTests : ApiTest
{

    [Fact]
    public async Task CreatePrincipal_Returns201WithTokenThatAuthenticates_WhenAdminCalls()
    {
        var (id, token) = await Admin.CreatePrincipalAsync("昆明市公共资源交易中心档案室", "archivist", "昆明市公共资源交易中心");

        var me = await Factory.ClientWith(token).GetFromJsonAsync<JsonElement>("/api/v1/principals/me");
        Assert.Equal(id, me.GetProperty("id").GetGuid());
        Assert.Equal("archivist", me.GetProperty("role").GetString());
        Assert.Equal("昆明市公共资源交易中心", me.GetProperty("organization").GetString());
        Assert.False(me.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task CreatePrincipal_StoresOnlyTheTokenHash()
    {
        var (id, token) = await Admin.CreatePrincipalAsync("某州市纪委监委审查调查室", "auditor", "某州市纪委监委");

        await using var conn = new NpgsqlConnection(Factory.Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT token_hash, row_to_json(p)::text FROM api.principals p WHERE id = $1", conn);
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), reader.GetFieldValue<byte[]>(0));
        Assert.DoesNotContain(token, reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePrincipal_Returns403_WhenCallerIsNotAdmin()
    {
        var (_, ingestToken) = await Admin.CreatePrincipalAsync("电子交易系统", "ingest", "云南省公共资源交易电子服务系统");

        var response = await Factory.ClientWith(ingestToken).PostAsJsonAsync("/api/v1/principals", new { name = "x", role = "admin" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Theory]
    [InlineData("", "archivist", null, "principal.name")]
    [InlineData("名称", "superuser", null, "principal.role")]
    [InlineData("名称", null, null, "principal.role")]
    [InlineData("审计员", "auditor", null, "principal.organization-required")]
    [InlineData("交易系统", "ingest", "  ", "principal.organization-required")]
    public async Task CreatePrincipal_Returns400WithStableCode_WhenInputIsInvalid(string name, string? role, string? organization, string code)
    {
        var before = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/principals");

        var response = await Admin.PostAsJsonAsync("/api/v1/principals", new { name, role, organization });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        var after = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/principals");
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
    }

    [Fact]
    public async Task RevokePrincipal_StopsTheTokenAtOnce_AndIsInTheLedger()
    {
        var (id, token) = await Admin.CreatePrincipalAsync("临时档案员", "archivist", "测试中心");
        var client = Factory.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/principals/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/principals/{id}")).StatusCode);

        await (await client.GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await Admin.DeleteAsync($"/api/v1/principals/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "principal.not-found");
        var entries = await LedgerReading.AllEntriesAsync(Admin);
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "principal.revoked" && e.GetProperty("principal").GetString() == id.ToString());
    }

    [Fact]
    public async Task PrincipalChanges_AreLedgerEntriesWithoutNamesOrTokens()
    {
        var (id, token) = await Admin.CreatePrincipalAsync("张三", "approver", "昆明市公共资源交易中心");

        var entries = await LedgerReading.AllEntriesAsync(Admin);
        var created = Assert.Single(entries, e => e.GetProperty("type").GetString() == "principal.created" && e.GetProperty("principal").GetString() == id.ToString());
        Assert.Equal("approver", created.GetProperty("role").GetString());
        Assert.DoesNotContain("张三", created.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, created.GetRawText(), StringComparison.Ordinal);
    }
}
