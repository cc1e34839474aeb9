using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Storage;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Verification;

/// <summary>
/// Issue 8, the tamper matrix: on every kind of store (folder, s3rver, Azurite) one byte flipped, an object truncated,
/// deleted or swapped for another of the same size — in the online copy, in the offline bag (payload, tag file,
/// evidence) and in a manifest. One run detects each, repairs each from the good copy, and the repaired bytes verify.
/// </summary>
public sealed class TamperMatrixTests : CustodyTest
{
    /// <summary>Each theory case starts its own host on the stores it names.</summary>
    public override Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("file", "file")]
    [InlineData("s3", "azure")]
    [InlineData("file", "s3")]
    public async Task Run_DetectsAndRepairsEachTamperingFromTheGoodCopy_AndTheEntriesVerifyWithGo(string online, string offline)
    {
        await StartAsync(online, offline);
        var items = SampleProject.RequiredItems().ToDictionary(i => i.Path, i => i.Bytes);
        var targets = new (IObjectStore Store, string Copy, string Key, string Path, string Kind, Func<IObjectStore, string, Task> Tamper)[]
        {
            (Stores.Online, "online", OnlineRecordingKey, RecordingPath, "mismatch", (s, k) => StoreTampering.FlipByteAsync(s, k, 500)),
            (Stores.Online, "online", ContentKey(items["记录/项目信息.json"]), "记录/项目信息.json", "missing", StoreTampering.DeleteAsync),
            (Stores.Online, "online", await StoreTampering.SingleKeyAsync(Stores.Online, "manifests/", "/v1.json"), "manifest", "mismatch", StoreTampering.SwapSameSizeAsync),
            (Stores.Offline, "offline", BagPrefix + "data/公告/交易公告.pdf", "公告/交易公告.pdf", "truncated", (s, k) => StoreTampering.TruncateAsync(s, k, 10)),
            (Stores.Offline, "offline", BagPrefix + "data/文件/交易文件.pdf", "文件/交易文件.pdf", "mismatch", StoreTampering.SwapSameSizeAsync),
            (Stores.Offline, "offline", BagPrefix + "bag-info.txt", "bag-info.txt", "missing", StoreTampering.DeleteAsync),
            (Stores.Offline, "offline", BagPrefix + "archive/checkpoint.txt", "archive/checkpoint.txt", "mismatch", (s, k) => StoreTampering.FlipByteAsync(s, k, 5)),
        };
        var originals = new List<byte[]>();
        foreach (var target in targets)
        {
            originals.Add(await StoreTampering.ReadAsync(target.Store, target.Key));
            await target.Tamper(target.Store, target.Key);
        }

        var run = await RunVerificationAsync();

        var failures = run.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(targets.Length, failures.Count);
        foreach (var target in targets)
        {
            var failure = Assert.Single(failures, f => f.GetProperty("copy").GetString() == target.Copy && f.GetProperty("path").GetString() == target.Path);
            Assert.Equal(target.Kind, failure.GetProperty("kind").GetString());
            Assert.True(failure.GetProperty("repaired").GetBoolean(), failure.ToString());
        }

        Assert.Equal(targets.Length, run.GetProperty("repaired").GetInt32());
        Assert.Equal(0, run.GetProperty("lost").GetInt32());
        for (var i = 0; i < targets.Length; i++)
        {
            Assert.Equal(originals[i], await StoreTampering.ReadAsync(targets[i].Store, targets[i].Key));
        }

        var entries = await LedgerReading.AllEntriesAsync(Archivist);
        Assert.Equal(targets.Length, entries.Count(e => e.GetProperty("type").GetString() == "copy.failed"));
        var repairedIndex = entries.ToList().FindIndex(e => e.GetProperty("type").GetString() == "copy.repaired" && e.GetProperty("path").GetString() == RecordingPath);
        var repaired = entries[repairedIndex];
        Assert.Equal("offline", repaired.GetProperty("from").GetString());
        Assert.Equal(repaired.GetProperty("expected").GetProperty("sha256").GetString(), repaired.GetProperty("after").GetProperty("sha256").GetString());
        Assert.NotEqual(repaired.GetProperty("expected").GetProperty("sha256").GetString(), repaired.GetProperty("before").GetProperty("sha256").GetString());
        var completedIndex = run.GetProperty("ledgerIndex").GetInt64();
        var completed = entries[(int)completedIndex];
        Assert.Equal("verification.completed", completed.GetProperty("type").GetString());
        Assert.Equal(run.GetProperty("reportSha256").GetString(), completed.GetProperty("reportSha256").GetString());
        for (var index = 0; index < entries.Count; index++)
        {
            if (entries[index].GetProperty("type").GetString()!.StartsWith("copy.", StringComparison.Ordinal))
            {
                await LedgerProofs.AssertVerifiesWithGoAsync(Archivist, index);
            }
        }

        await LedgerProofs.AssertVerifiesWithGoAsync(Archivist, completedIndex);

        var last = (await SummaryAsync()).GetProperty("lastVerification");
        Assert.Equal("repaired", last.GetProperty("online").GetProperty("result").GetString());
        Assert.Equal(run.GetProperty("id").GetString(), last.GetProperty("offline").GetProperty("run").GetString());

        var pdf = await Archivist.GetAsync($"/api/v1/verification/runs/{run.GetProperty("id").GetString()}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("四性检测报告", text, StringComparison.Ordinal);
            Assert.Contains("已修复", text, StringComparison.Ordinal);
        }

        var again = await RunVerificationAsync(new { projects = new[] { Code } });
        Assert.Empty(again.GetProperty("failures").EnumerateArray());
        Assert.Equal("ok", (await SummaryAsync()).GetProperty("lastVerification").GetProperty("online").GetProperty("result").GetString());
    }
}
