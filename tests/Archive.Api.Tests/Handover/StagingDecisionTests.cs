using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using NodaTime;

namespace Archive.Api.Tests.Handover;

/// <summary>Issue 11 §1: handed-over bytes are never deleted without a recorded decision.</summary>
public sealed class StagingDecisionTests : IAsyncLifetime
{
    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Cleanup_KeepsIdleStaging_UntilAnArchivistDiscardsItWithItsDigestsLedgered()
    {
        var (archivistId, archivist) = await _host.PrincipalAsync("档案管理员乙", "archivist", "昆明市公共资源交易中心");
        var (_, id) = await HandoverCalls.OpenAsync(_host, _host.Ingest);
        var (path, role, type, bytes) = SampleProject.RequiredItems()[1];
        Assert.Equal(HttpStatusCode.Created, (await _host.Ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        var discardUrl = $"/api/v1/submissions/{id}/discard";

        // Not idle yet: not listed, and a discard is refused.
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/submissions/expired")).EnumerateArray());
        await (await archivist.PostAsJsonAsync(discardUrl, new { reason = "测试" })).AssertProblemAsync(HttpStatusCode.Conflict, "submission.not-expired");

        // Idle past the limit: the cleanup job deletes nothing, the submission is listed for archivists.
        _host.Clock.Advance(Duration.FromDays(31));
        var cleanup = await HandoverCalls.RunCleanupAsync(_host);
        Assert.Equal((1, 0), (cleanup.Expired, cleanup.Cleared));
        Assert.Single(HandoverCalls.StagedFiles(_host, id));
        var listed = Assert.Single((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/submissions/expired")).EnumerateArray());
        Assert.Equal(id, listed.GetProperty("submissionId").GetGuid());
        Assert.Equal(bytes.Length, listed.GetProperty("totalBytes").GetInt64());

        // Refusals change nothing: no reason; the trading system itself.
        var before = await HandoverCalls.LedgerSizeAsync(_host);
        await (await archivist.PostAsJsonAsync(discardUrl, new { reason = " " })).AssertProblemAsync(HttpStatusCode.BadRequest, "submission.discard-reason");
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Ingest.PostAsJsonAsync(discardUrl, new { reason = "自行放弃" })).StatusCode);
        Assert.Equal(before, await HandoverCalls.LedgerSizeAsync(_host));
        Assert.Single(HandoverCalls.StagedFiles(_host, id));

        // The discard is ledgered with every item's digests and size, then the bytes are gone.
        var discard = await archivist.PostAsJsonAsync(discardUrl, new { reason = "项目已撤销，交易系统确认不再补交" });
        Assert.True(discard.StatusCode == HttpStatusCode.OK, await discard.Content.ReadAsStringAsync());
        var entry = Assert.Single(await HandoverCalls.EntriesAsync(_host, "submission.discarded"));
        Assert.Equal(archivistId.ToString(), entry.GetProperty("by").GetString());
        var item = Assert.Single(entry.GetProperty("items").EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), item.GetProperty("sha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", item.GetProperty("sm3").GetString());
        Assert.Equal(bytes.Length, item.GetProperty("size").GetInt64());
        Assert.Empty(HandoverCalls.StagedFiles(_host, id));
        Assert.Equal("rejected", (await _host.Ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}")).GetProperty("status").GetString());
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/submissions/expired")).EnumerateArray());
        await (await archivist.PostAsJsonAsync(discardUrl, new { reason = "再次" })).AssertProblemAsync(HttpStatusCode.Conflict, "submission.not-expired");
    }
}
