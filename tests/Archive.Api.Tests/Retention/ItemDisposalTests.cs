using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Ingest.Sealing;
using Archive.Storage;
using NodaTime;
using NodaTime.Text;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Retention;

/// <summary>
/// Issue 11 §3/§4: an item whose own 保管期限 ended while its version's has not is listed, appraised and disposed on its
/// own. An engineering project (30 years; unsuccessful bids 10 years, engineering.yaml) completed 10 years and 3 days
/// ago holds three unsuccessful bids: two with bytes of their own, one with the same bytes as a 30-year approval record.
/// </summary>
public sealed class ItemDisposalTests
{
    private const string OwnBid = "投标/未中标投标文件1.pdf";
    private const string SharedBid = "投标/未中标投标文件2.pdf";
    private const string Approval = "审批/流程审批记录.pdf";
    private const string KeptBid = "投标/未中标投标文件3.pdf";

    [Fact]
    public async Task ItemDisposal_DeletesOnlyTheDueItems_KeepsSharedBytes_EveryRefusalChangesNothing_AndSurvivesARebuild()
    {
        var data = Directory.CreateTempSubdirectory("archive-item-disposal-").FullName;
        try
        {
            var (code, tombstone) = await DisposeAsync(data);

            // Issue 12 §3: the database is lost; the rebuild from the offline copy records the two items as disposed again.
            await DisposalRebuild.AssertRebuiltAsync(data, code, [OwnBid, SharedBid], [Approval, KeptBid], tombstone);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The disposal story on a host over <paramref name="data"/>; returns the project and the tombstone's index, once witnessed offline.</summary>
    private static async Task<(string Code, long Tombstone)> DisposeAsync(string data)
    {
        await using var h = await RetentionHost.StartAsync(data);
        var (code, own, shared) = await ArchiveAsync(h);
        var ownKey = ArchiveKeys.ContentObject(Sha256(own));
        var sharedKey = ArchiveKeys.ContentObject(Sha256(shared));
        string Url(string path) => $"/api/v1/projects/{code}/items/{SampleProject.EscapePath(path)}";

        // Listed as due items (their version is not due); the daily job opens one appraisal per item, once.
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due")).EnumerateArray());
        var due = (await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due/items")).EnumerateArray().ToList();
        Assert.Equal([OwnBid, SharedBid, KeptBid], due.Select(d => d.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.All(due, d => Assert.False(d.GetProperty("held").GetBoolean()));
        Assert.Equal(3, await h.Job().RunDailyAsync(CancellationToken.None));
        Assert.Equal(0, await h.Job().RunDailyAsync(CancellationToken.None));
        var opened = await DisposalAssertions.EntryAsync(h.Archivist,
            (await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due/items"))[0].GetProperty("appraisalLedgerIndex").GetInt64());
        Assert.Equal(("appraisal.opened", OwnBid), (opened.GetProperty("type").GetString(), opened.GetProperty("path").GetString()));

        // The group keeps one bid: its retention is extended and it is no longer due.
        var keep = await (await ProposeAsync(h.Archivist, [Item(code, KeptBid)])).Content.ReadFromJsonAsync<JsonElement>();
        var kept = await RetentionHost.DecideAsync(h.Approver1, keep.GetProperty("id").GetGuid(), "keep", "涉及在办投诉，继续保存", LocalDatePattern.Iso.Format(h.Today.PlusYears(5)));
        Assert.Equal("kept", (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await (await ProposeAsync(h.Archivist, [Item(code, KeptBid)])).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.not-due");

        // Refusals: wrong role, unknown item, not due, held — 4xx, ledger and stores unchanged.
        var items = new[] { Item(code, OwnBid), Item(code, SharedBid) };
        var size = await h.LedgerSizeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await ProposeAsync(h.Approver1, items)).StatusCode);
        await (await ProposeAsync(h.Archivist, [Item(code, "投标/没有这个文件.pdf")])).AssertProblemAsync(HttpStatusCode.NotFound, "item.not-found");
        await (await ProposeAsync(h.Archivist, [Item(code, Approval)])).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.not-due");
        Assert.Equal(size, await h.LedgerSizeAsync());
        var hold = await (await h.Approver1.PostAsJsonAsync($"/api/v1/projects/{code}/holds", new { reason = "审计调查", reference = "云审〔2026〕3号" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        size = await h.LedgerSizeAsync();
        await (await ProposeAsync(h.Archivist, items)).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.held");
        Assert.Equal(size, await h.LedgerSizeAsync());
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.DeleteAsync($"/api/v1/projects/{code}/holds/{hold.GetProperty("id").GetGuid()}")).StatusCode);

        var proposed = await ProposeAsync(h.Archivist, items);
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var disposal = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        var id = disposal.GetProperty("id").GetGuid();
        Assert.Equal(2, disposal.GetProperty("items").GetArrayLength());
        await (await ProposeAsync(h.Archivist, [Item(code, OwnBid)])).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.already-proposed");

        // The proposer does not decide; an approver decides once; a store's lock makes the decided disposal wait.
        size = await h.LedgerSizeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await RetentionHost.DecideAsync(h.Archivist, id, "dispose")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RetentionHost.DecideAsync(h.Approver1, id, "dispose", "同意销毁")).StatusCode);
        await (await RetentionHost.DecideAsync(h.Approver1, id, "dispose")).AssertProblemAsync(HttpStatusCode.Conflict, "appraisal.same-approver");
        Assert.Equal(size + 1, await h.LedgerSizeAsync());
        var lockedUntil = h.Clock.GetCurrentInstant().Plus(Duration.FromDays(30)).ToDateTimeOffset();
        await h.Stores.Online.PutAsync(ownKey, new MemoryStream(own), new PutOptions { RetainUntil = lockedUntil, ReplaceRetained = true }, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await RetentionHost.DecideAsync(h.Approver2, id, "dispose", "同意销毁")).StatusCode);
        Assert.Contains("锁定", (await h.WaitForStatusAsync(id, "waiting")).GetProperty("waitingReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(size + 2, await h.LedgerSizeAsync()); // the two decisions; no tombstone while waiting
        Assert.NotNull(await h.Stores.Online.StatAsync(ownKey, CancellationToken.None));
        Assert.NotNull(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(code, 1, SharedBid), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(Url(OwnBid))).StatusCode);

        h.Clock.Advance(Duration.FromDays(31));
        await h.Job().RunDailyAsync(CancellationToken.None);
        var done = await h.WaitForStatusAsync(id, "disposed");
        var tombstone = await AssertItemsDisposedAsync(h, code, ownKey, sharedKey, Url, done);
        size = await h.LedgerSizeAsync();
        await h.Archivist.WaitForCheckpointCoveringAsync(size - 1);
        await Cli.OfflineWitness.WaitForAsync(data, size);
        return (code, tombstone);
    }

    /// <summary>Only the two items are gone (shared bytes stay online); the rest of the version reads; 410 names a verifiable tombstone.</summary>
    private static async Task<long> AssertItemsDisposedAsync(RetentionHost h, string code, string ownKey, string sharedKey, Func<string, string> url, JsonElement done)
    {
        Assert.Null(await h.Stores.Online.StatAsync(ownKey, CancellationToken.None));
        Assert.NotNull(await h.Stores.Online.StatAsync(sharedKey, CancellationToken.None)); // the approval record still holds these bytes
        Assert.Null(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(code, 1, OwnBid), CancellationToken.None));
        Assert.Null(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(code, 1, SharedBid), CancellationToken.None));
        Assert.NotNull(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(code, 1, Approval), CancellationToken.None));
        Assert.NotNull(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(code, 1, KeptBid), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(url(Approval))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(url(KeptBid))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(url("记录/项目信息.json"))).StatusCode);
        await (await h.Archivist.GetAsync($"/api/v1/projects/{code}/versions/1/bag")).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");

        var gone = await (await h.Archivist.GetAsync(url(SharedBid))).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");
        var index = DisposalAssertions.TombstoneIndexOf(gone);
        var tombstone = await DisposalAssertions.EntryAsync(h.Archivist, index);
        Assert.Equal(("retention.disposed", "items", 1), (tombstone.GetProperty("type").GetString(), tombstone.GetProperty("scope").GetString(), tombstone.GetProperty("version").GetInt32()));
        var recorded = tombstone.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("path").GetString()!);
        Assert.Equal([OwnBid, SharedBid], recorded.Keys.Order(StringComparer.Ordinal));
        Assert.False(recorded[OwnBid].GetProperty("sharedContentKept").GetBoolean());
        Assert.True(recorded[SharedBid].GetProperty("sharedContentKept").GetBoolean());
        Assert.Equal("10y", recorded[OwnBid].GetProperty("retention").GetProperty("period").GetString());
        Assert.Equal(ownKey, ArchiveKeys.ContentObject(recorded[OwnBid].GetProperty("sha256").GetString()!));
        await LedgerProofs.AssertVerifiesWithGoAsync(h.Archivist, index);

        // The project shows which items were disposed; nothing is due any more; the register lists the items.
        var version = (await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}")).GetProperty("versions")[0];
        Assert.Equal([OwnBid, SharedBid], version.GetProperty("disposedItems").EnumerateArray().Select(d => d.GetProperty("path").GetString()));
        Assert.All(version.GetProperty("disposedItems").EnumerateArray(), d => Assert.Equal(index, d.GetProperty("tombstoneLedgerIndex").GetInt64()));
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due/items")).EnumerateArray());
        using (var pdf = PdfDocument.Open(await h.Approver1.GetByteArrayAsync($"/api/v1/disposals/{done.GetProperty("id").GetGuid()}/register.pdf")))
        {
            Assert.Contains("单独销毁的条目共 2 个", string.Concat(pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        }

        // Verification expects the disposed items absent: nothing lost, nothing failed, nothing repaired back.
        var run = await h.Archivist.RunVerificationAsync(new { projects = new[] { code } });
        Assert.Equal(0, run.GetProperty("lost").GetInt32());
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
        Assert.Null(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(code, 1, OwnBid), CancellationToken.None));
        return index;
    }

    private static object Item(string code, string path) => new { project = code, version = 1, path };

    private static Task<HttpResponseMessage> ProposeAsync(HttpClient client, object[] items) =>
        client.PostAsJsonAsync("/api/v1/disposals", new { items, reason = "未中标投标文件保管期满（10年），经鉴定无继续保存价值" });

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>Archives the engineering project (sealed with gaps for the required items it lacks); returns the two bids' bytes.</summary>
    private static async Task<(string Code, byte[] Own, byte[] Shared)> ArchiveAsync(RetentionHost h)
    {
        var code = SampleProject.NewCode();
        var completion = h.Today.PlusYears(-10).PlusDays(-3);
        var date = LocalDatePattern.Iso.Format(completion);
        var created = await h.Host.Ingest.PostAsJsonAsync("/api/v1/submissions", new
        {
            project = new { code, name = "昆明市某道路工程施工招标（条目保管期满测试）", category = "engineering", region = "530100" },
            parties = new[] { new { role = "招标人", name = "昆明市某建设单位", creditCode = "91350100M000100Y43" } },
            dates = new { announcement = date, opening = date, award = date, completion = date },
            flags = new Dictionary<string, bool>(),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var own = SampleProject.Pdf($"unsuccessful bid A {code}");
        var shared = SampleProject.Pdf($"approval and bid B {code}");
        foreach (var (path, role, type, bytes) in new[]
        {
            ("记录/项目信息.json", "project-record", "application/json", System.Text.Encoding.UTF8.GetBytes($"{{\"dataset\":\"501\",\"code\":\"{code}\"}}")),
            (OwnBid, "unsuccessful-bid-documents", "application/pdf", own),
            (SharedBid, "unsuccessful-bid-documents", "application/pdf", shared),
            (KeptBid, "unsuccessful-bid-documents", "application/pdf", SampleProject.Pdf($"unsuccessful bid C {code}")),
            (Approval, "approval-records", "application/pdf", shared),
        })
        {
            var put = await h.Host.Ingest.PutItemAsync(id, path, role, type, bytes);
            Assert.True(put.StatusCode == HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
        }

        // The missing required items get a 缺件说明 each (the refusal names them).
        var url = $"/api/v1/submissions/{id}/seal-with-gaps";
        var refusal = await (await h.Archivist.PostAsJsonAsync(url, new { gaps = new[] { new { role = "project-record", reason = "-" } } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "seal.gaps-mismatch");
        var gaps = refusal.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("code").GetString() == "gap.reason-missing")
            .Select(p => new { role = p.GetProperty("field").GetString(), reason = "本测试项目未移交该材料" }).ToArray();
        var sealing = await h.Archivist.PostAsJsonAsync(url, new { gaps });
        Assert.True(sealing.StatusCode == HttpStatusCode.Accepted, await sealing.Content.ReadAsStringAsync());
        await h.Host.Ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(180));
        return (code, own, shared);
    }
}
