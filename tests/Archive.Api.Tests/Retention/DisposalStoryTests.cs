using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Ingest.FullText;
using Archive.Ingest.Sealing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Retention;

/// <summary>
/// CONTRACT §9 / issue 11 §4: retention end → appraisal opened → an appraisal group of two approvers decides disposal →
/// 销毁清册 stored → content gone from both stores, manifests kept → tombstone in the ledger → reads answer 410.
/// </summary>
public sealed partial class DisposalStoryTests
{
    [Fact]
    public async Task Disposal_DeletesContentAndLeavesVerifiableTombstone_WhenTwoApproversDecideAfterRetentionEnds()
    {
        await using var h = await RetentionHost.StartAsync();
        var p = await h.ArchiveEndingInAsync(3);

        // Not due yet: 409 and nothing changes.
        var size = await h.LedgerSizeAsync();
        await (await h.ProposeAsync(p.Code)).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.not-due");
        Assert.Equal(size, await h.LedgerSizeAsync());
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due")).EnumerateArray());

        // Retention ends; the daily job opens one appraisal per version, once.
        h.Clock.Advance(Duration.FromDays(5));
        Assert.Equal(1, await h.Job().RunDailyAsync(CancellationToken.None));
        Assert.Equal(0, await h.Job().RunDailyAsync(CancellationToken.None));
        var due = Assert.Single((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due")).EnumerateArray());
        Assert.Equal(p.Code, due.GetProperty("project").GetString());
        var opened = await EntryAsync(h.Archivist, due.GetProperty("appraisalLedgerIndex").GetInt64());
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
        Assert.True(await TextRowsAsync(h, p.Code) > 0);

        var second = await RetentionHost.DecideAsync(h.Approver2, id, "dispose", "同意销毁");
        Assert.True(second.StatusCode == HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        var done = await h.WaitForStatusAsync(id, "disposed");
        Assert.Equal(2, done.GetProperty("decisions").GetArrayLength());

        // The 销毁清册 is kept in both stores under its own key, and reads back in Chinese.
        var register = done.GetProperty("register");
        var registerKey = register.GetProperty("key").GetString()!;
        foreach (var store in new[] { h.Stores.Online, h.Stores.Offline })
        {
            await using var stream = await store.GetAsync(registerKey, null, CancellationToken.None);
            Assert.Equal(register.GetProperty("sha256").GetString(), Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream)));
        }

        var pdf = await h.Approver1.GetByteArrayAsync($"/api/v1/disposals/{id}/register.pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Concat(document.GetPages().Select(page => page.Text));
            Assert.Contains("电子档案销毁清册", text, StringComparison.Ordinal);
            Assert.Contains(p.Code, text, StringComparison.Ordinal);
            Assert.Contains("审批人乙", text, StringComparison.Ordinal);
            Assert.Contains("审批人丙", text, StringComparison.Ordinal);
        }

        await AssertDisposedAsync(h, p);

        // A disposed version cannot be transferred to a state archive (移交); the refusal changes nothing.
        size = await h.LedgerSizeAsync();
        await (await TransferTests.PostAsync(h.Archivist, [p.Code])).AssertProblemAsync(HttpStatusCode.Conflict, "transfer.disposed");
        Assert.Equal(size, await h.LedgerSizeAsync());
        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/transfers")).EnumerateArray());

        // No verification run reports disposed content as lost.
        var run = await h.Archivist.RunVerificationAsync(new { projects = new[] { p.Code } });
        Assert.Equal(0, run.GetProperty("lost").GetInt32());
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
    }

    /// <summary>Content gone from both stores, manifest kept, 410 naming the tombstone, whose proof verifies with Go.</summary>
    internal static async Task AssertDisposedAsync(RetentionHost h, RetainedProject p)
    {
        for (var i = 0; i < p.Items.Count; i++)
        {
            Assert.Null(await h.Stores.Online.StatAsync(ArchiveKeys.ContentObject(p.Sha256(i)), CancellationToken.None));
            Assert.Null(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(p.Code, 1, p.Items[i].Path), CancellationToken.None));
        }

        Assert.NotNull(await h.Stores.Online.StatAsync(ArchiveKeys.Manifest(p.Code, 1), CancellationToken.None));
        Assert.Equal(0, await TextRowsAsync(h, p.Code)); // the text extracted for full-text search went with the content
        var manifest = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{p.Code}/versions/1/manifest");

        var gone = await (await h.Archivist.GetAsync(p.ItemUrl(p.Items[0].Path))).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");
        var index = long.Parse(TombstoneIndex().Match(gone.GetProperty("detail").GetString()!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await (await h.Archivist.GetAsync($"/api/v1/projects/{p.Code}/versions/1/bag")).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");

        var tombstone = await EntryAsync(h.Archivist, index);
        Assert.Equal("retention.disposed", tombstone.GetProperty("type").GetString());
        Assert.Equal(p.Code, tombstone.GetProperty("project").GetString());
        Assert.Equal(2, tombstone.GetProperty("decisions").GetArrayLength());
        var digests = tombstone.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("path").GetString()!);
        foreach (var item in manifest.GetProperty("items").EnumerateArray())
        {
            var recorded = digests[item.GetProperty("path").GetString()!];
            Assert.Equal(item.GetProperty("sha256").GetString(), recorded.GetProperty("sha256").GetString());
            Assert.Equal(item.GetProperty("sm3").GetString(), recorded.GetProperty("sm3").GetString());
            Assert.Equal(item.GetProperty("size").GetInt64(), recorded.GetProperty("size").GetInt64());
            // Each item recorded its own 保管期限 at seal (other: 15 years, in the 30-year tier).
            Assert.Equal("30y", item.GetProperty("retention").GetProperty("period").GetString());
        }

        await LedgerProofs.AssertVerifiesWithGoAsync(h.Archivist, index);
    }

    private static async Task<long> TextRowsAsync(RetentionHost h, string code)
    {
        await using var cmd = h.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM ingest.item_texts WHERE project_code = $1");
        cmd.Parameters.Add(new() { Value = code });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    internal static async Task<JsonElement> EntryAsync(HttpClient client, long index) =>
        JsonDocument.Parse(await client.GetByteArrayAsync($"/api/v1/ledger/entries/{index}")).RootElement.Clone();

    [GeneratedRegex(@"账本第 (\d+) 条")]
    private static partial Regex TombstoneIndex();
}
