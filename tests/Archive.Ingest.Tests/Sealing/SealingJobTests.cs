using System.Text.Json.Nodes;
using Archive.Ingest.Sealing;
using Archive.Ingest.Submissions;
using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Ingest.Tests.Sealing;

public sealed class SealingJobTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RunAsync_ArchivesWithSelfProvingBag_WhenSubmittedThroughService()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await h.SubmitAsync("YN-SEAL-0001", SealingHarness.RequiredItems("a"));
        Assert.Equal([id], h.Scheduler.Scheduled);

        Assert.Equal(SealingOutcome.Archived, await h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: true, None));

        var submission = await h.SubmissionAsync(id);
        await AssertArchivedAsync(h, submission, expectedVersion: 1, expectedItems: 5);
        Assert.Empty(await h.KeysAsync(h.Stores.Online, "staging/"));
        Assert.Equal(5, (await h.KeysAsync(h.Stores.Online, "objects/")).Count);
    }

    [Fact]
    public async Task RunAsync_ArchivesWithSelfProvingBag_WhenOnlineIsS3AndOfflineIsAzure()
    {
        await using var h = await SealingHarness.CreateAsync(online: "s3", offline: "azure");
        var id = await h.SubmitAsync("YN-SEAL-0002", SealingHarness.RequiredItems("b"));

        await h.NewJob().RunAsync(id, None);

        var submission = await h.SubmissionAsync(id);
        await AssertArchivedAsync(h, submission, expectedVersion: 1, expectedItems: 5);
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM ingest.submissions WHERE staging_cleared_at IS NULL"));
    }

    [Fact]
    public async Task RunAsync_SealsOnce_WhenRunTwiceAndConcurrently()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await h.SubmitAsync("YN-SEAL-0003", SealingHarness.RequiredItems("c"));

        // Without the sealing lock, so that both runs really do every step at the same time.
        var racing = await Task.WhenAll(
            Task.Run(() => h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: false, None)),
            Task.Run(() => h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: false, None)),
            Task.Run(() => h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: true, None)));
        Assert.Contains(SealingOutcome.Archived, racing);
        Assert.Equal(1, racing.Count(o => o == SealingOutcome.Archived));

        Assert.Equal(SealingOutcome.AlreadyArchived, await h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: true, None));
        await h.NewJob().RunAsync(id, None);

        Assert.Equal(1, await h.ScalarAsync("SELECT count(*) FROM ingest.versions"));
        Assert.Equal(1, await h.ScalarAsync("SELECT latest_version FROM ingest.projects"));
        Assert.Equal(1, await h.Ledger.GetSizeAsync(None));
        await AssertArchivedAsync(h, await h.SubmissionAsync(id), expectedVersion: 1, expectedItems: 5);
    }

    [Theory]
    [InlineData(SealingStep.FixVersion)]
    [InlineData(SealingStep.Promote)]
    [InlineData(SealingStep.Manifest)]
    [InlineData(SealingStep.Bag)]
    [InlineData(SealingStep.Ledger)]
    public async Task RunAsync_ResumesToSameBytes_WhenInterruptedAfterStep(SealingStep step)
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await h.SubmitAsync("YN-SEAL-0004", SealingHarness.RequiredItems("d"));

        Assert.Equal(SealingOutcome.Stopped, await h.NewJob().RunThroughAsync(id, step, exclusive: true, None));
        var interrupted = await h.SubmissionAsync(id);
        Assert.Equal(SubmissionStatus.Sealing, interrupted.Status);
        Assert.Equal(1, interrupted.Version);
        var manifestKey = ArchiveKeys.Manifest("YN-SEAL-0004", 1);
        var manifestBefore = step >= SealingStep.Manifest ? await h.ReadAsync(h.Stores.Online, manifestKey) : null;
        var bagBefore = await BagChecks.SnapshotAsync(h, "YN-SEAL-0004/v1/");
        var ledgerBefore = await h.Ledger.GetSizeAsync(None);
        Assert.Equal(step >= SealingStep.Ledger ? 1 : 0, ledgerBefore);
        h.Clock.Advance(Duration.FromMinutes(7));

        // A fresh job instance, as after a crash.
        await h.NewJob().RunAsync(id, None);

        var done = await h.SubmissionAsync(id);
        Assert.Equal(interrupted.SealedAt, done.SealedAt);
        await AssertArchivedAsync(h, done, expectedVersion: 1, expectedItems: 5);
        if (manifestBefore is not null)
        {
            Assert.Equal(manifestBefore, await h.ReadAsync(h.Stores.Online, manifestKey));
        }

        var bagAfter = await BagChecks.SnapshotAsync(h, "YN-SEAL-0004/v1/");
        foreach (var (key, bytes) in bagBefore)
        {
            Assert.True(bagAfter[key].AsSpan().SequenceEqual(bytes), $"{key} changed on resume");
        }

        if (step == SealingStep.Ledger)
        {
            Assert.Equal(bagBefore.Keys, bagAfter.Keys);
        }

        Assert.Equal(1, await h.Ledger.GetSizeAsync(None));
    }

    [Fact]
    public async Task RunAsync_SealsSupplementChainedToPrevious_WithoutCopyingCarriedItems()
    {
        await using var h = await SealingHarness.CreateAsync();
        var v1Id = await h.SubmitAsync("YN-SEAL-0005", SealingHarness.RequiredItems("e"));
        await h.NewJob().RunAsync(v1Id, None);
        var v1 = await h.SubmissionAsync(v1Id);
        var v1Manifest = Manifest.Parse(await h.ReadAsync(h.Stores.Online, ArchiveKeys.Manifest("YN-SEAL-0005", 1)));
        var v1Bag = await BagChecks.SnapshotAsync(h, "YN-SEAL-0005/v1/");
        var objectsBefore = await h.KeysAsync(h.Stores.Online, "objects/");
        h.Clock.Advance(Duration.FromDays(3));

        // A correction of one item and one new item; the other four are carried over, not sent again.
        var v2Id = await h.SubmitAsync("YN-SEAL-0005",
        [
            ("交易过程记录.txt", "transaction-record", "text/plain", "竞价记录（更正）\n"u8.ToArray()),
            ("合同/合同.txt", "contract", "text/plain", "合同文本\n"u8.ToArray()),
        ]);
        await h.NewJob().RunAsync(v2Id, None);

        var v2 = await h.SubmissionAsync(v2Id);
        await AssertArchivedAsync(h, v2, expectedVersion: 2, expectedItems: 6);
        var v2Manifest = Manifest.Parse(await h.ReadAsync(h.Stores.Online, ArchiveKeys.Manifest("YN-SEAL-0005", 2)));
        Assert.Equal(v1.ManifestSha256, v2Manifest.Previous);
        foreach (var carried in v1Manifest.Items.Where(i => i.Path != "交易过程记录.txt"))
        {
            Assert.Equal(carried, v2Manifest.Items.Single(i => i.Path == carried.Path));
        }

        Assert.Equal(objectsBefore.Count + 2, (await h.KeysAsync(h.Stores.Online, "objects/")).Count);
        Assert.Equal(v1Bag, await BagChecks.SnapshotAsync(h, "YN-SEAL-0005/v1/"));
        Assert.Equal(2, await h.ScalarAsync("SELECT latest_version FROM ingest.projects"));
        Assert.Equal(2, await h.Ledger.GetSizeAsync(None));
    }

    [Fact]
    public async Task RunAsync_SharesContentObjects_AcrossProjects()
    {
        await using var h = await SealingHarness.CreateAsync();
        await h.NewJob().RunAsync(await h.SubmitAsync("YN-SEAL-0006", SealingHarness.RequiredItems("f")), None);
        await h.NewJob().RunAsync(await h.SubmitAsync("YN-SEAL-0007", SealingHarness.RequiredItems("g")), None);

        // "结果公示.txt" has the same bytes in both projects: one object.
        Assert.Equal(9, (await h.KeysAsync(h.Stores.Online, "objects/")).Count);
        Assert.Equal(10, await h.ScalarAsync("SELECT count(*) FROM ingest.version_items"));
    }

    [Fact]
    public async Task RunAsync_RejectsWithProblem_WhenStagedBytesAreGone()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await h.SubmitAsync("YN-SEAL-0008", SealingHarness.RequiredItems("h"));
        var items = await new SubmissionStore(h.DataSource).ItemsAsync(id, None);
        await h.Stores.Online.DeleteAsync(items[2].StagingKey, None);

        Assert.Equal(SealingOutcome.Rejected, await h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: true, None));

        var rejected = await h.SubmissionAsync(id);
        Assert.Equal(SubmissionStatus.Rejected, rejected.Status);
        Assert.Null(rejected.Version);
        Assert.Equal("seal.staged-missing", Assert.Single(rejected.Problems).Code);
        Assert.Equal(0, await h.Ledger.GetSizeAsync(None));
        Assert.Equal(0, await h.ScalarAsync("SELECT count(*) FROM ingest.versions"));
        Assert.Empty(await h.KeysAsync(h.Stores.Online, "manifests/"));
        Assert.Empty(await h.KeysAsync(h.Stores.Online, "staging/"));

        // The project is free again: a new submission seals version 1.
        var again = await h.SubmitAsync("YN-SEAL-0008", SealingHarness.RequiredItems("h"));
        await h.NewJob().RunAsync(again, None);
        await AssertArchivedAsync(h, await h.SubmissionAsync(again), expectedVersion: 1, expectedItems: 5);
    }

    [Fact]
    public async Task RunAsync_DoesNothing_WhenSubmissionIsOpen()
    {
        await using var h = await SealingHarness.CreateAsync();
        var submission = await h.Submissions.CreateAsync(h.Caller, SealingHarness.Metadata("YN-SEAL-0009"), None);

        Assert.Equal(SealingOutcome.NotSealing, await h.NewJob().RunThroughAsync(submission.Id, SealingStep.Confirm, exclusive: true, None));
        Assert.Equal(SealingOutcome.NotSealing, await h.NewJob().RunThroughAsync(Guid.NewGuid(), SealingStep.Confirm, exclusive: true, None));
        Assert.Null((await h.SubmissionAsync(submission.Id)).Version);
    }

    /// <summary>Archived state, manifest ↔ ledger ↔ database agreement, and an independently verified bag.</summary>
    internal static async Task AssertArchivedAsync(SealingHarness h, Submission submission, int expectedVersion, int expectedItems)
    {
        Assert.Equal(SubmissionStatus.Archived, submission.Status);
        Assert.Equal(expectedVersion, submission.Version);
        Assert.Empty(submission.Problems);
        var code = submission.ProjectCode;
        var bytes = await h.ReadAsync(h.Stores.Online, ArchiveKeys.Manifest(code, expectedVersion));
        var manifest = Manifest.Parse(bytes);
        Assert.Equal(Manifest.DigestHex(bytes), submission.ManifestSha256);
        Assert.Equal(expectedVersion, manifest.Version);
        Assert.Equal(expectedItems, manifest.Items.Count);
        Assert.Equal(submission.SealedAt, manifest.SealedAt);
        Assert.Equal("other", manifest.Retention.Policy);
        Assert.Equal(new LocalDate(2040, 5, 20), manifest.Retention.Until);

        var entry = JsonNode.Parse(await h.Ledger.GetEntryAsync(submission.LedgerIndex!.Value, None))!;
        Assert.Equal("package.sealed", (string)entry["type"]!);
        Assert.Equal(submission.ManifestSha256, (string)entry["manifestSha256"]!);
        Assert.Equal(code, (string)entry["project"]!);
        Assert.Equal(expectedVersion, (int)entry["version"]!);
        Assert.Equal(expectedItems, (int)entry["itemCount"]!);
        Assert.Equal(manifest.Items.Sum(i => i.Size), (long)entry["totalBytes"]!);
        Assert.Equal(manifest.Previous, (string?)entry["previous"]);
        Assert.Equal(SealingHarness.Platform, (string)entry["platform"]!);
        Assert.Equal("2040-05-20", (string)entry["retentionUntil"]!);
        Assert.Equal($"{code}/v{expectedVersion}/", (string)entry["bag"]!);

        await using (var cmd = h.DataSource.CreateCommand("SELECT manifest, ledger_index FROM ingest.versions WHERE project_code = $1 AND version = $2"))
        {
            cmd.Parameters.Add(new() { Value = code });
            cmd.Parameters.Add(new() { Value = expectedVersion });
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(bytes, r.GetFieldValue<byte[]>(0));
            Assert.Equal(submission.LedgerIndex, r.GetInt64(1));
        }

        var folder = await BagChecks.FolderAsync(h, ArchiveKeys.BagPrefix(code, expectedVersion));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(folder, "archive", "manifest.json")));
        Assert.Equal(await h.Ledger.GetEntryAsync(submission.LedgerIndex!.Value, None), await File.ReadAllBytesAsync(Path.Combine(folder, "archive", "ledger-entry.json")));
        foreach (var item in manifest.Items)
        {
            Assert.Equal(item.Size, new FileInfo(Path.Combine(folder, "data", item.Path)).Length);
        }

        var info = await File.ReadAllTextAsync(Path.Combine(folder, "bag-info.txt"));
        Assert.Contains($"External-Identifier: {code}\n", info, StringComparison.Ordinal);
        Assert.Matches(@"\nArchival-Code: F001-[A-Z]{2}-\d{4}-(Y|D30|D10)-\d{4}\n", info);
        Assert.Contains($"Payload-Oxum: {manifest.Items.Sum(i => i.Size)}.{expectedItems}\n", info, StringComparison.Ordinal);
        await BagChecks.AssertValidAsync(folder);
    }
}
