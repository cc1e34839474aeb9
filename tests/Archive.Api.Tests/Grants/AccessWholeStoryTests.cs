using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using NodaTime;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Grants;

/// <summary>The agency flow of issue 4 through HTTP, on real PostgreSQL and a sealed, archived project.</summary>
public sealed class AccessWholeStoryTests : IAsyncLifetime
{
    private const string Agency = "某州市纪委监委";
    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AgencyFlow_RequestApproveReadCopyExpire_EveryStepLedgeredAndProvable()
    {
        var project = await _host.ArchiveProjectAsync();
        var (auditorId, auditor) = await _host.PrincipalAsync("李审查", "auditor", Agency);
        var (_, approver) = await _host.PrincipalAsync("王主任", "approver", "某州公共资源交易中心");
        var (_, archivist) = await _host.PrincipalAsync("赵档案", "archivist", "某州公共资源交易中心");
        var pdfUrl = project.ItemUrl(ArchivedProject.PdfPath);
        var bagUrl = $"/api/v1/projects/{Uri.EscapeDataString(project.Code)}/versions/1/bag";

        // 1. The agency asks; until a decision it reads nothing.
        var filed = await auditor.FileAsync(AccessCalls.RequestBody([project.Code]));
        var requestId = filed.GetProperty("id").GetGuid();
        var approvalNumber = filed.GetProperty("approvalNumber").GetString()!;
        Assert.Equal("pending", filed.GetProperty("status").GetString());
        await (await auditor.GetAsync(pdfUrl)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");

        // 2. Without its legal document it cannot be approved; with it, access.requested records the document's digest.
        await (await approver.DecideAsync(requestId, true)).AssertProblemAsync(HttpStatusCode.Conflict, "access.document-missing");
        var scan = AccessCalls.LegalDocumentScan();
        var uploaded = await auditor.UploadAsync(requestId, scan);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var requestedIndex = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestedEntry").GetInt64();
        var requested = await auditor.EntryAsync(requestedIndex);
        Assert.Equal("access.requested", requested.GetProperty("type").GetString());
        Assert.Equal(AccessCalls.Sha256(scan), requested.GetProperty("document").GetProperty("sha256").GetString());
        Assert.Equal(Agency, requested.GetProperty("organization").GetString());

        // 3. The requester cannot approve it; an approver can, answering that very entry.
        await (await auditor.DecideAsync(requestId, true)).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await auditor.GetAsync(pdfUrl)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        var approved = await (await approver.DecideAsync(requestId, true, "同意查阅，期限 30 天")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var grantId = approved.GetProperty("grant").GetProperty("id").GetString();
        var decided = await auditor.EntryAsync(approved.GetProperty("decisions")[0].GetProperty("ledgerIndex").GetInt64());
        Assert.Equal("access.decided", decided.GetProperty("type").GetString());
        Assert.Equal(requestedIndex, decided.GetProperty("requestEntry").GetInt64());
        Assert.Equal(grantId, decided.GetProperty("grant").GetString());

        // 4. A PDF comes watermarked; the entry holds the original's and the delivered file's digests.
        var pdfResponse = await auditor.GetAsync(pdfUrl);
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        var delivered = await pdfResponse.Content.ReadAsByteArrayAsync();
        var pdfReadIndex = long.Parse(pdfResponse.Headers.GetValues("X-Ledger-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        using (var pdf = PdfDocument.Open(delivered))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains("查阅人：李审查", text, StringComparison.Ordinal);
            Assert.Contains($"单位：{Agency}", text, StringComparison.Ordinal);
            Assert.Contains($"审批单号：{approvalNumber}", text, StringComparison.Ordinal);
            Assert.Contains("昆明市某国有资产处置项目交易文件", text, StringComparison.Ordinal);
        }

        var pdfRead = await auditor.EntryAsync(pdfReadIndex);
        Assert.Equal("access.read", pdfRead.GetProperty("type").GetString());
        Assert.Equal(AccessCalls.Sha256(project.Pdf), pdfRead.GetProperty("sha256").GetString());
        Assert.Equal(AccessCalls.Sha256(delivered), pdfRead.GetProperty("deliveredSha256").GetString());
        Assert.NotEqual(AccessCalls.Sha256(project.Pdf), AccessCalls.Sha256(delivered));
        Assert.Equal(grantId, pdfRead.GetProperty("grant").GetString());
        Assert.Equal(approvalNumber, pdfRead.GetProperty("approvalNumber").GetString());
        Assert.Equal("某纪调〔2026〕12号", pdfRead.GetProperty("documentNumber").GetString());
        Assert.Equal(Agency, pdfRead.GetProperty("organization").GetString());

        // 5. A range of the video, exactly as stored.
        var rangeRequest = new HttpRequestMessage(HttpMethod.Get, project.ItemUrl(ArchivedProject.VideoPath));
        rangeRequest.Headers.Range = new RangeHeaderValue(1000, 1999);
        var rangeResponse = await auditor.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, rangeResponse.StatusCode);
        Assert.Equal(project.Video[1000..2000], await rangeResponse.Content.ReadAsByteArrayAsync());
        var videoRead = await auditor.EntryAsync(long.Parse(rangeResponse.Headers.GetValues("X-Ledger-Index").Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("bytes=1000-1999", videoRead.GetProperty("range").GetString());
        Assert.Equal(ArchivedProject.VideoPath, videoRead.GetProperty("path").GetString());

        // 6. The JSON record comes with identity and phone numbers masked.
        var record = await auditor.GetAsync(project.ItemUrl(ArchivedProject.RecordPath));
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        var recordText = await record.Content.ReadAsStringAsync();
        Assert.DoesNotContain("53010219900307123X", recordText, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", recordText, StringComparison.Ordinal);
        Assert.DoesNotContain("13987654321", recordText, StringComparison.Ordinal);
        Assert.Contains("530102********123X", recordText, StringComparison.Ordinal);
        Assert.Contains("138****5678", recordText, StringComparison.Ordinal);
        Assert.Contains("张三", recordText, StringComparison.Ordinal);

        // 7. A read grant copies nothing; a copy grant, decided the same way, downloads the bag.
        await (await auditor.GetAsync(bagUrl)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        var copyGrant = await AccessCalls.GrantedAsync(auditor, approver, AccessCalls.RequestBody([project.Code], "copy", days: 10));
        var copyRequestId = copyGrant.GetProperty("id").GetGuid();
        var bag = await auditor.GetAsync(bagUrl);
        Assert.Equal(HttpStatusCode.OK, bag.StatusCode);
        Assert.Equal("application/zip", bag.Content.Headers.ContentType?.MediaType);
        var bagBytes = await bag.Content.ReadAsByteArrayAsync();
        var copied = await auditor.EntryAsync(long.Parse(bag.Headers.GetValues("X-Ledger-Index").Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("access.copied", copied.GetProperty("type").GetString());
        Assert.Equal(copyGrant.GetProperty("grant").GetProperty("id").GetString(), copied.GetProperty("grant").GetString());

        // 8. The grants run out: 403 again, and the requests read as expired.
        _host.Clock.Advance(Duration.FromDays(31));
        await (await auditor.GetAsync(pdfUrl)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        await (await auditor.GetAsync(bagUrl)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        Assert.Equal("expired", (await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{requestId}")).GetProperty("status").GetString());

        // 9. The agency's evidence: every entry of both requests verifies against a signed checkpoint.
        var key = await auditor.GetStringAsync("/api/v1/ledger/key");
        var evidence = AccessCalls.VerifyEvidence(await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{requestId}/evidence"), key);
        var copyEvidence = AccessCalls.VerifyEvidence(await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{copyRequestId}/evidence"), key);
        Assert.Contains(requestedIndex, evidence.Keys);
        Assert.Contains(pdfReadIndex, evidence.Keys);
        Assert.Equal(AccessCalls.Sha256(delivered), evidence.Values.Single(e => e.GetProperty("type").GetString() == "access.delivered"
            && e.GetProperty("readEntry").GetInt64() == pdfReadIndex).GetProperty("sha256").GetString());
        var evidenceTypes = evidence.Values.Select(e => e.GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "access.requested", "access.decided", "access.read", "access.delivered" }, evidenceTypes);
        var copiedDelivered = copyEvidence.Values.Single(e => e.GetProperty("type").GetString() == "access.delivered");
        Assert.Equal(AccessCalls.Sha256(bagBytes), copiedDelivered.GetProperty("sha256").GetString());

        // 10. Go's sumdb tools agree on the watermarked read.
        await AssertGoVerifiesAsync(auditor, requestId, pdfReadIndex);

        // 11. The centre's records: the access log, filtered, and the 登记表.
        var log = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/access-log?project={Uri.EscapeDataString(project.Code)}&organization={Uri.EscapeDataString(Agency)}");
        var types = log.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Contains("access.requested", types);
        Assert.Contains("access.decided", types);
        Assert.Contains("access.read", types);
        Assert.Contains("access.copied", types);
        Assert.Contains("access.delivered", types);
        Assert.Contains(log.EnumerateArray(), r => r.GetProperty("index").GetInt64() == pdfReadIndex && r.GetProperty("principal").GetGuid() == auditorId);
        await (await auditor.GetAsync("/api/v1/access-log")).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");

        var register = await archivist.GetAsync($"/api/v1/access-requests/{requestId}/register.pdf");
        Assert.Equal("application/pdf", register.Content.Headers.ContentType?.MediaType);
        using (var registerPdf = PdfDocument.Open(await register.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(registerPdf.GetPages().Select(p => p.Text));
            Assert.Contains("档案查阅/复制登记表", text, StringComparison.Ordinal);
            Assert.Contains(approvalNumber, text, StringComparison.Ordinal);
            Assert.Contains("某纪调〔2026〕12号", text, StringComparison.Ordinal);
            Assert.Contains($"账本序号 {pdfReadIndex}", text, StringComparison.Ordinal);
            Assert.Contains(AccessCalls.Sha256(delivered)[..16], text, StringComparison.Ordinal);
        }

        // 12. Another agency sees none of it.
        var (_, other) = await _host.PrincipalAsync("钱审计", "auditor", "某州市审计局");
        await (await other.GetAsync($"/api/v1/access-requests/{requestId}/evidence")).AssertProblemAsync(HttpStatusCode.NotFound, "access.request-not-found");
    }

    /// <summary>Runs tools/ledger-verify (Go's sumdb/note and sumdb/tlog) on one entry of the agency's evidence.</summary>
    private static async Task AssertGoVerifiesAsync(HttpClient client, Guid requestId, long index)
    {
        var bundle = await client.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{requestId}/evidence");
        var item = bundle.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("index").GetInt64() == index);
        var dir = Directory.CreateTempSubdirectory("access-evidence-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "verifier-key.txt"), bundle.GetProperty("verifierKey").GetString() + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "checkpoint.txt"), item.GetProperty("checkpoint").GetString());
        await File.WriteAllBytesAsync(Path.Combine(dir, "ledger-entry.json"), Convert.FromBase64String(item.GetProperty("entry").GetString()!));
        await File.WriteAllTextAsync(Path.Combine(dir, "inclusion-proof.json"), item.GetProperty("inclusionProof").GetRawText());

        var (code, output) = await GoVerifier.RunAsync(dir);

        Assert.True(code == 0, output);
        Assert.Contains($"OK entry {index} is in the tree of size", output, StringComparison.Ordinal);
    }
}
