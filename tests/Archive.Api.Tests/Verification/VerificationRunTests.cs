using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Custody;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Verification;

/// <summary>Issue 8: verification runs detect tampering in either copy, repair from the good copy, and say so in the ledger.</summary>
public sealed class VerificationRunTests : CustodyTest
{
    [Fact]
    public async Task Run_DetectsAndRepairsEachTamperingFromTheGoodCopy_AndTheEntriesVerifyWithGo()
    {
        var bag = BagFolder();
        var manifest = Directory.GetFiles(Path.Combine(OnlineRoot, "manifests"), "v1.json", SearchOption.AllDirectories).Single();
        var notice = Path.Combine(bag, "data", "公告", "交易公告.pdf");
        var tampered = new[] { OnlineRecordingFile(), notice, Path.Combine(bag, "bag-info.txt"), Path.Combine(bag, "archive", "checkpoint.txt"), manifest };
        var originals = tampered.ToDictionary(f => f, File.ReadAllBytes);

        FlipByte(OnlineRecordingFile(), 500);                                  // online object: one byte flipped
        Truncate(notice, 10);                                                  // offline payload: truncated
        File.Delete(Path.Combine(bag, "bag-info.txt"));                        // offline tag file: deleted
        FlipByte(Path.Combine(bag, "archive", "checkpoint.txt"), 5);           // offline evidence: one byte flipped
        await File.WriteAllBytesAsync(manifest, originals[manifest].Reverse().ToArray()); // manifest: another object of the same size

        var run = await RunVerificationAsync();

        var failures = run.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(5, failures.Count);
        Assert.All(failures, f => Assert.True(f.GetProperty("repaired").GetBoolean(), f.ToString()));
        Assert.Contains(failures, f => f.GetProperty("copy").GetString() == "online" && f.GetProperty("path").GetString() == RecordingPath && f.GetProperty("kind").GetString() == "mismatch");
        Assert.Contains(failures, f => f.GetProperty("copy").GetString() == "offline" && f.GetProperty("kind").GetString() == "truncated");
        Assert.Contains(failures, f => f.GetProperty("path").GetString() == "bag-info.txt" && f.GetProperty("kind").GetString() == "missing");
        Assert.Contains(failures, f => f.GetProperty("copy").GetString() == "online" && f.GetProperty("path").GetString() == "manifest");
        Assert.Equal(5, run.GetProperty("repaired").GetInt32());
        Assert.Equal(0, run.GetProperty("lost").GetInt32());
        foreach (var (file, bytes) in originals)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
        }

        var entries = await LedgerReading.AllEntriesAsync(Archivist);
        Assert.Equal(5, entries.Count(e => e.GetProperty("type").GetString() == "copy.failed"));
        var repairedIndex = entries.ToList().FindIndex(e => e.GetProperty("type").GetString() == "copy.repaired" && e.GetProperty("path").GetString() == RecordingPath);
        var repaired = entries[repairedIndex];
        Assert.Equal("offline", repaired.GetProperty("from").GetString());
        Assert.Equal(repaired.GetProperty("expected").GetProperty("sha256").GetString(), repaired.GetProperty("after").GetProperty("sha256").GetString());
        Assert.NotEqual(repaired.GetProperty("expected").GetProperty("sha256").GetString(), repaired.GetProperty("before").GetProperty("sha256").GetString());
        var completedIndex = run.GetProperty("ledgerIndex").GetInt64();
        var completed = entries[(int)completedIndex];
        Assert.Equal("verification.completed", completed.GetProperty("type").GetString());
        Assert.Equal(run.GetProperty("reportSha256").GetString(), completed.GetProperty("reportSha256").GetString());
        await LedgerProofs.AssertVerifiesWithGoAsync(Archivist, repairedIndex);
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

    [Fact]
    public async Task Run_RecordsCopyLost_WhenBothCopiesAreBad_AndTheSummaryFlagsIt()
    {
        FlipByte(OnlineRecordingFile(), 100);
        FlipByte(OfflineRecordingFile(), 900);

        var run = await RunVerificationAsync(new { projects = new[] { Code }, copies = new[] { "online" } });

        Assert.Equal(1, run.GetProperty("lost").GetInt32());
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.True(failure.GetProperty("lost").GetBoolean());
        Assert.False(failure.GetProperty("repaired").GetBoolean());
        var lostIndex = failure.GetProperty("ledgerIndex").GetInt64();
        Assert.Equal("copy.lost", JsonDocument.Parse(await Archivist.GetByteArrayAsync($"/api/v1/ledger/entries/{lostIndex}")).RootElement.GetProperty("type").GetString());
        await LedgerProofs.AssertVerifiesWithGoAsync(Archivist, lostIndex);
        Assert.Equal("lost", (await SummaryAsync()).GetProperty("lastVerification").GetProperty("online").GetProperty("result").GetString());

        var read = await Archivist.GetAsync($"/api/v1/projects/{Code}/items/{SampleProject.EscapePath(RecordingPath)}");
        await read.AssertProblemAsync(HttpStatusCode.InternalServerError, "content.lost");
    }

    [Fact]
    public async Task TwoWorkers_CheckEachObjectOnce_AndObjectsOfAKilledWorkerAreTakenOver()
    {
        var runs = Factory.Services.GetRequiredService<VerificationRunStore>();
        var worker = Factory.Services.GetRequiredService<VerificationWorker>();
        var clock = Factory.Services.GetRequiredService<IClock>();
        var id = Guid.NewGuid();
        await runs.CreateAsync(id, "manual", [CopyKind.Online, CopyKind.Offline], [Code], clock.GetCurrentInstant(), CancellationToken.None);
        await runs.PlanAsync(id, null, clock.GetCurrentInstant(), CancellationToken.None);
        // A worker that claimed three objects and was killed: its lease has already run out.
        var abandoned = await runs.ClaimAsync(id, 3, Duration.Zero, clock.GetCurrentInstant() - Duration.FromSeconds(1), CancellationToken.None);
        Assert.Equal(3, abandoned.Count);

        var finished = await Task.WhenAll(
            Task.Run(() => worker.WorkAsync(id, null, null, CancellationToken.None)),
            Task.Run(() => worker.WorkAsync(id, null, null, CancellationToken.None)));

        Assert.Single(finished, f => f);
        var run = (await runs.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(VerificationRunStatus.Completed, run.Status);
        Assert.True(run.Planned > 20, $"planned {run.Planned}");
        Assert.Equal(run.Planned, run.ObjectsChecked);
        var checks = await runs.ChecksPerObjectAsync(id, CancellationToken.None);
        Assert.Equal(3, checks.Count(c => c == 2));
        Assert.All(checks, c => Assert.InRange(c, 1, 2));
        Assert.Equal(run.Planned - 3, checks.Count(c => c == 1));
    }
}
