using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.Sealing;
using Archive.Storage;
using NodaTime;

namespace Archive.Api.Tests.Retention;

/// <summary>Legal holds block disposal (409, nothing changes) until released; a store's lock makes a decided disposal wait.</summary>
public sealed class HoldAndLockTests
{
    [Fact]
    public async Task Disposal_Refused409AndNothingChanges_WhileHeld_ThenDisposes_AfterRelease()
    {
        await using var h = await RetentionHost.StartAsync();
        var p = await h.ArchiveEndingInAsync(2);
        h.Clock.Advance(Duration.FromDays(4));

        var placed = await h.Approver1.PostAsJsonAsync($"/api/v1/projects/{p.Code}/holds", new { reason = "纪检监察调查", reference = "昆纪〔2026〕17号" });
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var hold = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("hold.placed", (await DisposalAssertions.EntryAsync(h.Archivist, hold.GetProperty("ledgerIndex").GetInt64())).GetProperty("type").GetString());
        var summary = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{p.Code}");
        var shown = Assert.Single(summary.GetProperty("holds").EnumerateArray());
        Assert.True(shown.GetProperty("active").GetBoolean());
        Assert.Equal("昆纪〔2026〕17号", shown.GetProperty("reference").GetString());
        // The version's 档号 (other: 15 years, filed in the 30-year tier) is shown on the project.
        Assert.Matches(@"^F001-QT-\d{4}-D30-\d{4}$", summary.GetProperty("versions")[0].GetProperty("archivalCode").GetString());

        var size = await h.LedgerSizeAsync();
        await (await h.ProposeAsync(p.Code)).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.held");
        Assert.Equal(size, await h.LedgerSizeAsync());
        Assert.NotNull(await h.Stores.Online.StatAsync(ArchiveKeys.ContentObject(p.Sha256(0)), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(p.ItemUrl(p.Items[0].Path))).StatusCode);

        var released = await h.Archivist.DeleteAsync($"/api/v1/projects/{p.Code}/holds/{hold.GetProperty("id").GetGuid()}");
        Assert.True(released.StatusCode == HttpStatusCode.OK, await released.Content.ReadAsStringAsync());
        await (await h.Archivist.DeleteAsync($"/api/v1/projects/{p.Code}/holds/{hold.GetProperty("id").GetGuid()}"))
            .AssertProblemAsync(HttpStatusCode.Conflict, "hold.already-released");

        var proposed = await h.ProposeAsync(p.Code);
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await RetentionHost.DecideAsync(h.Approver1, id, "dispose")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RetentionHost.DecideAsync(h.Approver2, id, "dispose")).StatusCode);
        await h.WaitForStatusAsync(id, "disposed");
        await DisposalAssertions.AssertDisposedAsync(h, p);
    }

    [Fact]
    public async Task Disposal_WaitsAndDeletesNothing_WhileAStoreStillLocksContent_ThenCompletes()
    {
        await using var h = await RetentionHost.StartAsync();
        var p = await h.ArchiveEndingInAsync(2);
        h.Clock.Advance(Duration.FromDays(4));

        // The online store keeps one object locked 30 days longer (as an operator's longer S3 lock would).
        var key = ArchiveKeys.ContentObject(p.Sha256(0));
        var lockedUntil = h.Clock.GetCurrentInstant().Plus(Duration.FromDays(30)).ToDateTimeOffset();
        await h.Stores.Online.PutAsync(key, new MemoryStream(p.Items[0].Bytes), new PutOptions { RetainUntil = lockedUntil, ReplaceRetained = true }, CancellationToken.None);
        Assert.Equal(lockedUntil, await h.Stores.Online.GetRetainedUntilAsync(key, CancellationToken.None));

        var proposed = await h.ProposeAsync(p.Code);
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await RetentionHost.DecideAsync(h.Approver1, id, "dispose")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RetentionHost.DecideAsync(h.Approver2, id, "dispose")).StatusCode);
        var waiting = await h.WaitForStatusAsync(id, "waiting");
        Assert.Contains("锁定", waiting.GetProperty("waitingReason").GetString(), StringComparison.Ordinal);

        // Nothing was deleted: every item is still in both stores and readable.
        for (var i = 0; i < p.Items.Count; i++)
        {
            Assert.NotNull(await h.Stores.Online.StatAsync(ArchiveKeys.ContentObject(p.Sha256(i)), CancellationToken.None));
            Assert.NotNull(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(p.Code, 1, p.Items[i].Path), CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(p.ItemUrl(p.Items[1].Path))).StatusCode);

        // Once the lock has ended, the daily run completes the disposal.
        h.Clock.Advance(Duration.FromDays(31));
        await h.Job().RunDailyAsync(CancellationToken.None);
        await h.WaitForStatusAsync(id, "disposed");
        await DisposalAssertions.AssertDisposedAsync(h, p);
    }

    [Fact]
    public async Task Appraisal_KeepExtendsRetention_AndTheProjectIsNoLongerDue()
    {
        await using var h = await RetentionHost.StartAsync();
        var p = await h.ArchiveEndingInAsync(1);
        h.Clock.Advance(Duration.FromDays(3));
        var proposed = await h.ProposeAsync(p.Code);
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await h.ProposeAsync(p.Code)).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.already-proposed");

        var size = await h.LedgerSizeAsync();
        await (await RetentionHost.DecideAsync(h.Approver1, id, "keep")).AssertProblemAsync(HttpStatusCode.BadRequest, "appraisal.keep-needs-date");
        Assert.Equal(size, await h.LedgerSizeAsync());

        var until = h.Today.PlusYears(5);
        var kept = await RetentionHost.DecideAsync(h.Approver1, id, "keep", "仍有查考价值，延长保管", NodaTime.Text.LocalDatePattern.Iso.Format(until));
        Assert.True(kept.StatusCode == HttpStatusCode.OK, await kept.Content.ReadAsStringAsync());
        Assert.Equal("kept", (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await (await RetentionHost.DecideAsync(h.Approver2, id, "dispose")).AssertProblemAsync(HttpStatusCode.Conflict, "appraisal.already-decided");

        Assert.Empty((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/retention/due")).EnumerateArray());
        await (await h.ProposeAsync(p.Code)).AssertProblemAsync(HttpStatusCode.Conflict, "disposal.not-due");
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(p.ItemUrl(p.Items[0].Path))).StatusCode);
    }

    [Fact]
    public async Task AccessStatus_SetByArchivistsOnly_IsLedgeredAndShownOnTheProject()
    {
        await using var h = await RetentionHost.StartAsync();
        var p = await h.ArchiveEndingInAsync(100);
        var url = $"/api/v1/projects/{p.Code}/versions/1/access-status";
        var size = await h.LedgerSizeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await h.Approver1.PutAsJsonAsync(url, new { openStatus = "open", classification = "public" })).StatusCode);
        await (await h.Archivist.PutAsJsonAsync(url, new { openStatus = "open", classification = "绝密" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "access-status.classification");
        Assert.Equal(size, await h.LedgerSizeAsync());

        var set = await h.Archivist.PutAsJsonAsync(url, new { openStatus = "closed", classification = "internal", reason = "含商业秘密" });
        Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var index = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ledgerIndex").GetInt64();
        var entry = await DisposalAssertions.EntryAsync(h.Archivist, index);
        Assert.Equal("version.access-status-set", entry.GetProperty("type").GetString());
        Assert.Equal("internal", entry.GetProperty("classification").GetString());
        var shown = (await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{p.Code}")).GetProperty("versions")[0].GetProperty("accessStatus");
        Assert.Equal("closed", shown.GetProperty("openStatus").GetString());
        Assert.Equal(index, shown.GetProperty("ledgerIndex").GetInt64());
    }
}
