using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using NodaTime;

namespace Archive.Api.Tests.Roles;

/// <summary>Issue 9 point 7 (tokens): expiry per role, and rotation by the owner with an overlap, hashes only.</summary>
public sealed class TokenLifetimeTests : IAsyncLifetime
{
    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync(new Dictionary<string, string?>
    {
        ["ARCHIVE_TOKEN_DAYS_INGEST"] = "180",
        ["ARCHIVE_TOKEN_DAYS_ARCHIVIST"] = "30",
        ["ARCHIVE_TOKEN_ROTATION_OVERLAP_HOURS"] = "48",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Token_ExpiresAfterItsRolesLifetime_With401TokenExpired()
    {
        var (_, archivist) = await _host.PrincipalAsync("档案员", "archivist", "测试中心");
        _host.Clock.Advance(Duration.FromDays(29));
        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync("/api/v1/principals/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Ingest.GetAsync("/api/v1/principals/me")).StatusCode);

        _host.Clock.Advance(Duration.FromDays(2));

        await (await archivist.GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token-expired");
        Assert.Equal(HttpStatusCode.OK, (await _host.Ingest.GetAsync("/api/v1/principals/me")).StatusCode);
        _host.Clock.Advance(Duration.FromDays(150));
        await (await _host.Ingest.GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token-expired");
    }

    [Fact]
    public async Task Rotation_IssuesANewToken_WhileTheOldOneWorksForTheOverlap_AndLedgersOnlyHashes()
    {
        var (id, oldToken) = await _host.Admin.CreatePrincipalAsync("曲靖市电子交易系统", "ingest", "曲靖市公共资源交易中心");
        var old = _host.ClientWith(oldToken);

        var rotated = await old.PostAsync("/api/v1/principals/me/token", null);
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var newToken = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var fresh = _host.ClientWith(newToken);

        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/v1/principals/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/principals/me")).StatusCode);
        await (await old.PostAsync("/api/v1/principals/me/token", null)).AssertProblemAsync(HttpStatusCode.Conflict, "principal.rotate-with-previous");

        _host.Clock.Advance(Duration.FromHours(49));

        await (await old.GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.token-expired");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/principals/me")).StatusCode);

        var entries = await LedgerReading.AllEntriesAsync(_host.Admin);
        var entry = Assert.Single(entries, e => e.GetProperty("type").GetString() == "principal.token-rotated" && e.GetProperty("principal").GetString() == id.ToString());
        Assert.Equal(Hex(newToken), entry.GetProperty("tokenSha256").GetString());
        Assert.Equal(Hex(oldToken), entry.GetProperty("previousTokenSha256").GetString());
        var row = (string)(await TestDatabase.ValueAsync(_host.Database, "SELECT row_to_json(p)::text FROM api.principals p WHERE id = $1", id))!;
        Assert.DoesNotContain(newToken, row, StringComparison.Ordinal);
        Assert.DoesNotContain(oldToken, row, StringComparison.Ordinal);
    }

    private static string Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
