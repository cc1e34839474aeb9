using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Handover;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Ingest.FullText;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Retention;

/// <summary>
/// Issue 11 "Tests": one <see cref="NodaTime.Testing.FakeClock"/> walks ONE project through overdue → reminder (催交) →
/// seal with gaps (缺件归档) → supplement → retention end → appraisal → disposal. The project was completed 15 years
/// less 40 days ago and handed over late (the clock cannot walk 15 years: tokens live at most ten), so its archiving
/// deadline has passed and its retention (other: 15 years from completion) ends 40 days into the walk.
/// </summary>
public sealed class LifecycleWalkTests
{
    [Fact]
    public async Task Project_WalksFromOverdueToDisposal_WithEachStepRecordedOnce_AndEndsIn410NamingAVerifiableTombstone()
    {
        await using var h = await RetentionHost.StartAsync();
        var host = h.Host;
        var (_, otherPlatform) = await host.PrincipalAsync("曲靖市电子交易系统", "ingest", "曲靖市公共资源交易中心");
        var completion = h.Today.PlusYears(-15).PlusDays(40);
        var (code, id) = await HandoverCalls.OpenAsync(host, host.Ingest, completion: completion);
        var items = SampleProject.RequiredItems();
        foreach (var (path, role, type, bytes) in items.Where(i => i.Role != "result-publicity"))
        {
            Assert.Equal(HttpStatusCode.Created, (await host.Ingest.PutItemAsync(id, path, role, type, bytes)).StatusCode);
        }

        // Overdue (the deadline passed long ago; the daily job first runs three days after the handover began):
        // submission.overdue once per project and deadline, with what is missing.
        h.Clock.Advance(Duration.FromDays(3));
        Assert.Equal(1, (await HandoverCalls.RunOverdueJobAsync(host)).Noticed);
        Assert.Equal(0, (await HandoverCalls.RunOverdueJobAsync(host)).Noticed);
        var overdue = Assert.Single(await HandoverCalls.EntriesAsync(host, "submission.overdue"));
        Assert.Equal(code, overdue.GetProperty("project").GetString());
        Assert.Equal(["result-publicity"], overdue.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));

        // The reminder (催交) reaches its own platform only.
        var reminder = Assert.Single((await host.Ingest.GetFromJsonAsync<JsonElement>("/api/v1/submissions/reminders")).EnumerateArray());
        Assert.Equal(code, reminder.GetProperty("projectCode").GetString());
        Assert.Contains("结果公示", reminder.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await otherPlatform.GetFromJsonAsync<JsonElement>("/api/v1/submissions/reminders")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await h.Archivist.GetAsync("/api/v1/submissions/reminders")).StatusCode);

        // The annual statistics count the project as overdue in the year it became overdue.
        var statistics = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?year={h.Today.Year}");
        Assert.Equal(1, statistics.GetProperty("totals").GetProperty("overdue").GetInt32());

        // The overdue report: JSON for archivists and approvers, the PDF for the supervising department; not for trading systems.
        var report = await h.Approver1.GetFromJsonAsync<JsonElement>("/api/v1/reports/overdue?platform=" + Uri.EscapeDataString("昆明市公共资源交易中心"));
        var row = Assert.Single(report.GetProperty("projects").EnumerateArray());
        Assert.Equal(code, row.GetProperty("projectCode").GetString());
        var missing = Assert.Single(row.GetProperty("missing").EnumerateArray());
        Assert.Equal("result-publicity", missing.GetProperty("role").GetString());
        Assert.True(missing.GetProperty("daysMissing").GetInt32() >= 3);
        Assert.Single(row.GetProperty("reminders").EnumerateArray());
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/reports/overdue?region=530300")).GetProperty("projects").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Ingest.GetAsync("/api/v1/reports/overdue")).StatusCode);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/overdue"))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
            using var document = PdfDocument.Open(await (await h.Archivist.SendAsync(request)).Content.ReadAsByteArrayAsync());
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("未归档情况报告", text, StringComparison.Ordinal);
            Assert.Contains(code, text, StringComparison.Ordinal);
            Assert.Contains("催交", text, StringComparison.Ordinal);
        }

        await SealWithGapsAsync(h, code, id);

        // A supplement supplies the item: version 2 has no gaps, nothing is missing or overdue any more.
        var supplement = await host.Ingest.PostAsJsonAsync("/api/v1/submissions", HandoverCalls.Metadata(code, completion));
        var supplementId = (await supplement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var publicity = items.Single(i => i.Role == "result-publicity");
        Assert.Equal(HttpStatusCode.Created, (await host.Ingest.PutItemAsync(supplementId, publicity.Path, publicity.Role, publicity.MediaType, publicity.Bytes)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Ingest.PostAsync($"/api/v1/submissions/{supplementId}/seal", null)).StatusCode);
        await host.Ingest.WaitForArchivedAsync(supplementId);
        Assert.False((await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}/versions/2/manifest")).TryGetProperty("gaps", out _));
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}")).GetProperty("missingItems").EnumerateArray());
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/reports/overdue")).GetProperty("projects").EnumerateArray());

        var p = new RetainedProject(code, items.Select(i => (i.Path, i.Bytes)).ToList());
        var disposal = await AppraiseAndDisposeAsync(h, p);
        await DisposalAssertions.AssertDisposedAsync(h, p, versions: 2);

        // A disposed project cannot be transferred to a state archive (移交); the refusal changes nothing.
        var size = await h.LedgerSizeAsync();
        await (await TransferTests.PostAsync(h.Archivist, [code])).AssertProblemAsync(HttpStatusCode.Conflict, "transfer.disposed");
        Assert.Equal(size, await h.LedgerSizeAsync());

        // No verification run reports disposed content as lost.
        var run = await h.Archivist.RunVerificationAsync(new { projects = new[] { code } });
        Assert.Equal(0, run.GetProperty("lost").GetInt32());
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
        Assert.Equal("disposed", disposal.GetProperty("status").GetString());
    }

    /// <summary>Refused seals with gaps change nothing; the accepted one records the gap, its reason and the archivist.</summary>
    private static async Task SealWithGapsAsync(RetentionHost h, string code, Guid id)
    {
        var host = h.Host;
        var before = await h.LedgerSizeAsync();
        var gapsUrl = $"/api/v1/submissions/{id}/seal-with-gaps";
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Ingest.PostAsJsonAsync(gapsUrl, new { gaps = new[] { new { role = "result-publicity", reason = "未公示" } } })).StatusCode);
        var mismatch = await (await h.Archivist.PostAsJsonAsync(gapsUrl, new { gaps = new[] { new { role = "project-record", reason = "多余" } } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "seal.gaps-mismatch");
        Assert.Equal([("gap.reason-missing", "result-publicity"), ("gap.not-missing", "project-record")],
            mismatch.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("field").GetString())));
        await (await h.Archivist.PostAsJsonAsync(gapsUrl, new { gaps = Array.Empty<object>() })).AssertProblemAsync(HttpStatusCode.BadRequest, "gaps.invalid");
        Assert.Equal(before, await h.LedgerSizeAsync());
        Assert.Equal("open", (await host.Ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}")).GetProperty("status").GetString());

        const string Reason = "出让人未发布结果公示，已书面说明，待补交";
        var sealing = await h.Archivist.PostAsJsonAsync(gapsUrl, new { gaps = new[] { new { role = "result-publicity", reason = Reason } } });
        Assert.True(sealing.StatusCode == HttpStatusCode.Accepted, await sealing.Content.ReadAsStringAsync());
        await host.Ingest.WaitForArchivedAsync(id);
        var manifest = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}/versions/1/manifest");
        var gap = Assert.Single(manifest.GetProperty("gaps").EnumerateArray());
        Assert.Equal(("result-publicity", "交易结果公示/公告", Reason, h.ArchivistId.ToString()),
            (gap.GetProperty("role").GetString(), gap.GetProperty("title").GetString(), gap.GetProperty("reason").GetString(), gap.GetProperty("recordedBy").GetString()));
        Assert.Equal(h.ArchivistId.ToString(), Assert.Single(await HandoverCalls.EntriesAsync(host, "seal.gaps-recorded")).GetProperty("by").GetString());
        var sealedEntry = Assert.Single(await HandoverCalls.EntriesAsync(host, "package.sealed"));
        Assert.Equal(h.ArchivistId.ToString(), Assert.Single(sealedEntry.GetProperty("gaps").EnumerateArray()).GetProperty("recordedBy").GetString());
        var summary = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}");
        Assert.Equal("result-publicity", Assert.Single(summary.GetProperty("missingItems").EnumerateArray()).GetProperty("role").GetString());
    }

    /// <summary>Not due → 409; retention ends → appraisals opened once → the group decides → disposed, register first.</summary>
    private static async Task<JsonElement> AppraiseAndDisposeAsync(RetentionHost h, RetainedProject p)
    {
        var size = await h.LedgerSizeAsync();
        await (await h.ProposeAsync(p.Code)).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.not-due");
        Assert.Equal(size, await h.LedgerSizeAsync());
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due")).EnumerateArray());

        // Retention ends; the daily job opens one appraisal per version, once.
        h.Clock.Advance(Duration.FromDays(42));
        Assert.Equal(2, await h.Job().RunDailyAsync(CancellationToken.None));
        Assert.Equal(0, await h.Job().RunDailyAsync(CancellationToken.None));
        var due = (await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due")).EnumerateArray().ToList();
        Assert.Equal([1, 2], due.Select(d => d.GetProperty("version").GetInt32()));
        var opened = await DisposalAssertions.EntryAsync(h.Archivist, due[0].GetProperty("appraisalLedgerIndex").GetInt64());
        Assert.Equal("appraisal.opened", opened.GetProperty("type").GetString());

        var proposed = await h.ProposeAsync(p.Code);
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The proposer is no member of the appraisal group; one approver alone is not enough, and decides once.
        Assert.Equal(HttpStatusCode.Forbidden, (await RetentionHost.DecideAsync(h.Archivist, id, "dispose")).StatusCode);
        var first = await RetentionHost.DecideAsync(h.Approver1, id, "dispose", "同意销毁");
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        Assert.Equal("appraising", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await (await RetentionHost.DecideAsync(h.Approver1, id, "dispose")).AssertProblemAsync(HttpStatusCode.Conflict, "appraisal.same-approver");
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(p.ItemUrl(p.Items[0].Path))).StatusCode);

        // The PDFs' text is in the full-text index until the disposal.
        await h.Services.GetRequiredService<FullTextJob>().BackfillAsync(CancellationToken.None);
        Assert.True(await DisposalAssertions.TextRowsAsync(h, p.Code) > 0);

        var second = await RetentionHost.DecideAsync(h.Approver2, id, "dispose", "同意销毁");
        Assert.True(second.StatusCode == HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        var done = await h.WaitForStatusAsync(id, "disposed");
        Assert.Equal(2, done.GetProperty("decisions").GetArrayLength());

        // The 销毁清册 is kept in both stores under its own key, and reads back in Chinese.
        var register = done.GetProperty("register");
        foreach (var store in new[] { h.Stores.Online, h.Stores.Offline })
        {
            await using var stream = await store.GetAsync(register.GetProperty("key").GetString()!, null, CancellationToken.None);
            Assert.Equal(register.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream)));
        }

        using var document = PdfDocument.Open(await h.Approver1.GetByteArrayAsync($"/api/v1/disposals/{id}/register.pdf"));
        var text = string.Concat(document.GetPages().Select(page => page.Text));
        Assert.Contains("电子档案销毁清册", text, StringComparison.Ordinal);
        Assert.Contains(p.Code, text, StringComparison.Ordinal);
        Assert.Contains("审批人乙", text, StringComparison.Ordinal);
        Assert.Contains("审批人丙", text, StringComparison.Ordinal);
        return done;
    }
}
