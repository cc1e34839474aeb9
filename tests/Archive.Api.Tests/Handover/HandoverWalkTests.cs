using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using NodaTime;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Handover;

/// <summary>
/// Issue 11 §1 with a fake clock: a project walks overdue → submission.overdue once → reminder to its own platform →
/// overdue report (JSON and PDF) → refused and then accepted seal with gaps → supplement that fills the gap.
/// </summary>
public sealed class HandoverWalkTests : IAsyncLifetime
{
    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Project_WalksOverdueReminderSealWithGapsAndSupplement_WithEachStepRecordedOnce()
    {
        var (archivistId, archivist) = await _host.PrincipalAsync("档案管理员甲", "archivist", "昆明市公共资源交易中心");
        var (_, approver) = await _host.PrincipalAsync("中心负责人", "approver", "昆明市公共资源交易中心");
        var (_, otherPlatform) = await _host.PrincipalAsync("曲靖市电子交易系统", "ingest", "曲靖市公共资源交易中心");
        var (code, id) = await HandoverCalls.OpenAsync(_host, _host.Ingest);
        var items = SampleProject.RequiredItems();
        foreach (var (path, role, type, bytes) in items.Where(i => i.Role != "result-publicity"))
        {
            Assert.Equal(HttpStatusCode.Created, (await _host.Ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        }

        // Within the deadline (30 days after completion): tracked, not overdue.
        var early = await HandoverCalls.RunOverdueJobAsync(_host);
        Assert.Equal((1, 0, 0), (early.Watched, early.Overdue, early.Noticed));
        _host.Clock.Advance(Duration.FromDays(32));
        Assert.Equal(1, (await HandoverCalls.RunOverdueJobAsync(_host)).Noticed);
        Assert.Equal(0, (await HandoverCalls.RunOverdueJobAsync(_host)).Noticed);
        var overdue = Assert.Single(await HandoverCalls.EntriesAsync(_host, "submission.overdue"));
        Assert.Equal(code, overdue.GetProperty("project").GetString());
        Assert.Equal(["result-publicity"], overdue.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));

        // The reminder reaches its own platform only.
        var reminders = await _host.Ingest.GetFromJsonAsync<JsonElement>("/api/v1/submissions/reminders");
        var reminder = Assert.Single(reminders.EnumerateArray());
        Assert.Equal(code, reminder.GetProperty("projectCode").GetString());
        Assert.Contains("结果公示", reminder.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await otherPlatform.GetFromJsonAsync<JsonElement>("/api/v1/submissions/reminders")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await archivist.GetAsync("/api/v1/submissions/reminders")).StatusCode);

        // The annual statistics count the project as overdue in the year it became overdue.
        var year = _host.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Year;
        var statistics = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?year={year}");
        Assert.Equal(1, statistics.GetProperty("totals").GetProperty("overdue").GetInt32());
        Assert.Equal(JsonValueKind.Null, statistics.GetProperty("overdueNote").ValueKind);

        // The report: JSON for archivists and approvers, the PDF for the supervising department; not for trading systems.
        var report = await approver.GetFromJsonAsync<JsonElement>("/api/v1/reports/overdue?platform=" + Uri.EscapeDataString("昆明市公共资源交易中心"));
        var row = Assert.Single(report.GetProperty("projects").EnumerateArray());
        Assert.Equal(code, row.GetProperty("projectCode").GetString());
        var missing = Assert.Single(row.GetProperty("missing").EnumerateArray());
        Assert.Equal("result-publicity", missing.GetProperty("role").GetString());
        Assert.True(missing.GetProperty("daysMissing").GetInt32() >= 32);
        Assert.Single(row.GetProperty("reminders").EnumerateArray());
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/reports/overdue?region=530300")).GetProperty("projects").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Ingest.GetAsync("/api/v1/reports/overdue")).StatusCode);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/overdue"))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
            var pdf = await archivist.SendAsync(request);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("未归档情况报告", text, StringComparison.Ordinal);
            Assert.Contains(code, text, StringComparison.Ordinal);
            Assert.Contains("催交", text, StringComparison.Ordinal);
        }

        // Refusals change nothing: the trading system may not seal with gaps; a reason must cover exactly the missing items.
        var before = await HandoverCalls.LedgerSizeAsync(_host);
        var gapsUrl = $"/api/v1/submissions/{id}/seal-with-gaps";
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Ingest.PostAsJsonAsync(gapsUrl, new { gaps = new[] { new { role = "result-publicity", reason = "未公示" } } })).StatusCode);
        var mismatch = await (await archivist.PostAsJsonAsync(gapsUrl, new { gaps = new[] { new { role = "project-record", reason = "多余" } } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "seal.gaps-mismatch");
        Assert.Equal([("gap.reason-missing", "result-publicity"), ("gap.not-missing", "project-record")],
            mismatch.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("field").GetString())));
        await (await archivist.PostAsJsonAsync(gapsUrl, new { gaps = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.BadRequest, "gaps.invalid");
        Assert.Equal(before, await HandoverCalls.LedgerSizeAsync(_host));
        Assert.Equal("open", (await _host.Ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}")).GetProperty("status").GetString());

        // Seal with gaps: the manifest records the gap and its reason, the ledger names the archivist.
        const string Reason = "出让人未发布结果公示，已书面说明，待补交";
        var sealing = await archivist.PostAsJsonAsync(gapsUrl, new { gaps = new[] { new { role = "result-publicity", reason = Reason } } });
        Assert.True(sealing.StatusCode == HttpStatusCode.Accepted, await sealing.Content.ReadAsStringAsync());
        await _host.Ingest.WaitForArchivedAsync(id);
        var manifest = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}/versions/1/manifest");
        var gap = Assert.Single(manifest.GetProperty("gaps").EnumerateArray());
        Assert.Equal(("result-publicity", "交易结果公示/公告", Reason, archivistId.ToString()),
            (gap.GetProperty("role").GetString(), gap.GetProperty("title").GetString(), gap.GetProperty("reason").GetString(), gap.GetProperty("recordedBy").GetString()));
        Assert.Equal(archivistId.ToString(), Assert.Single(await HandoverCalls.EntriesAsync(_host, "seal.gaps-recorded")).GetProperty("by").GetString());
        var sealedEntry = Assert.Single(await HandoverCalls.EntriesAsync(_host, "package.sealed"));
        Assert.Equal(archivistId.ToString(), Assert.Single(sealedEntry.GetProperty("gaps").EnumerateArray()).GetProperty("recordedBy").GetString());
        var summary = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}");
        Assert.Equal("result-publicity", Assert.Single(summary.GetProperty("missingItems").EnumerateArray()).GetProperty("role").GetString());

        // A supplement supplies the item: version 2 has no gaps, nothing is missing or overdue any more.
        var supplement = await _host.Ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code));
        var supplementId = (await supplement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var publicity = items.Single(i => i.Role == "result-publicity");
        Assert.Equal(HttpStatusCode.Created, (await _host.Ingest.PutItemAsync(supplementId, publicity.Path, publicity.Role, publicity.MediaType, publicity.Bytes)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Ingest.PostAsync($"/api/v1/submissions/{supplementId}/seal", null)).StatusCode);
        await _host.Ingest.WaitForArchivedAsync(supplementId);
        var second = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}/versions/2/manifest");
        Assert.False(second.TryGetProperty("gaps", out _));
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}")).GetProperty("missingItems").EnumerateArray());
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/reports/overdue")).GetProperty("projects").EnumerateArray());
    }
}
