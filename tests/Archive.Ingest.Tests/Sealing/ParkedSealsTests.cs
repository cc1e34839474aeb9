using System.Text.Json;
using Archive.Core.Errors;
using Archive.Ingest.Sealing;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Staging;
using Archive.Ingest.Submissions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Archive.Ingest.Tests.Sealing;

/// <summary>Issue 9 point 6: a parked seal (needs an operator) is listed, and can be retried or abandoned, ledgered.</summary>
public sealed class ParkedSealsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RetryAsync_ClearsTheProblemLedgersAndReschedules_ThenTheSealArchives()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await ParkAsync(h, "YN-PARK-1");
        var parked = new ParkedSeals(h.DataSource, h.Ledger, h.Scheduler);
        Assert.Equal(id, Assert.Single(await parked.ListAsync(None)).SubmissionId);
        h.Scheduler.Scheduled.Clear();

        var index = await parked.RetryAsync(id, Guid.NewGuid(), None);

        Assert.Equal(ParkedSeals.Retried, EntryType(await h.Ledger.GetEntryAsync(index, None)));
        Assert.Equal([id], h.Scheduler.Scheduled);
        Assert.Empty(await parked.ListAsync(None));
        Assert.Equal(SealingOutcome.Archived, await h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: true, None));
    }

    [Fact]
    public async Task AbandonAsync_RejectsAndHoldsStagedBytes_UntilAnArchivistReleasesThem()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await ParkAsync(h, "YN-PARK-2");
        var parked = new ParkedSeals(h.DataSource, h.Ledger, h.Scheduler);
        var cleanup = new StagingCleanupJob(h.DataSource, h.Stores, h.Options, h.Clock, NullLogger<StagingCleanupJob>.Instance);
        var staged = await h.KeysAsync(h.Stores.Online, $"staging/{id:N}/");
        Assert.NotEmpty(staged);

        var index = await parked.AbandonAsync(id, Guid.NewGuid(), "离线存储故障，平台将重新提交", None);
        await cleanup.RunAsync(None);

        var submission = await h.SubmissionAsync(id);
        Assert.Equal(SubmissionStatus.Rejected, submission.Status);
        Assert.Null(submission.Version);
        Assert.Equal(["seal.abandoned", "seal.confirm-offline"], submission.Problems.Select(p => p.Code));
        Assert.Equal(ParkedSeals.Abandoned, EntryType(await h.Ledger.GetEntryAsync(index, None)));
        Assert.Equal(staged, await h.KeysAsync(h.Stores.Online, $"staging/{id:N}/"));

        var released = await parked.ReleaseStagingAsync(id, Guid.NewGuid(), None);
        await cleanup.RunAsync(None);

        Assert.Equal(ParkedSeals.StagingReleased, EntryType(await h.Ledger.GetEntryAsync(released, None)));
        Assert.Empty(await h.KeysAsync(h.Stores.Online, $"staging/{id:N}/"));
    }

    [Fact]
    public async Task RetryAndAbandon_AreRefusedAndChangeNothing_WhenTheSealIsNotParked()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await h.SubmitAsync("YN-PARK-3", SealingHarness.RequiredItems("p3"));
        var parked = new ParkedSeals(h.DataSource, h.Ledger, h.Scheduler);
        var size = await h.Ledger.GetSizeAsync(None);

        var retry = await Assert.ThrowsAsync<IngestException>(() => parked.RetryAsync(id, Guid.NewGuid(), None));
        var abandon = await Assert.ThrowsAsync<IngestException>(() => parked.AbandonAsync(id, Guid.NewGuid(), "理由", None));
        var unknown = await Assert.ThrowsAsync<IngestException>(() => parked.RetryAsync(Guid.NewGuid(), Guid.NewGuid(), None));
        var release = await Assert.ThrowsAsync<IngestException>(() => parked.ReleaseStagingAsync(id, Guid.NewGuid(), None));

        Assert.Equal(("seal.not-parked", ErrorKind.Conflict), (retry.Code, retry.Kind));
        Assert.Equal("seal.not-parked", abandon.Code);
        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
        Assert.Equal("seal.staging-not-held", release.Code);
        Assert.Equal(size, await h.Ledger.GetSizeAsync(None));
        Assert.Equal(SubmissionStatus.Sealing, (await h.SubmissionAsync(id)).Status);
    }

    [Fact]
    public async Task AbandonAsync_IsRefused_WhenTheVersionIsAlreadyInTheLedger()
    {
        await using var h = await SealingHarness.CreateAsync();
        var id = await h.SubmitAsync("YN-PARK-4", SealingHarness.RequiredItems("p4"));
        await h.NewJob().RunThroughAsync(id, SealingStep.Ledger, exclusive: true, None);
        await new SealingStore(h.DataSource).RecordProblemAsync(id, new ArchiveProblem("seal.confirm-offline", "k", "写入后核对失败。"), None);
        var parked = new ParkedSeals(h.DataSource, h.Ledger, h.Scheduler);
        var size = await h.Ledger.GetSizeAsync(None);
        var version = (await h.SubmissionAsync(id)).Version;

        var abandon = await Assert.ThrowsAsync<IngestException>(() => parked.AbandonAsync(id, Guid.NewGuid(), "理由", None));

        Assert.Equal(("seal.already-ledgered", ErrorKind.Conflict), (abandon.Code, abandon.Kind));
        Assert.Equal(size, await h.Ledger.GetSizeAsync(None));
        Assert.Equal((SubmissionStatus.Sealing, version), ((await h.SubmissionAsync(id)).Status, (await h.SubmissionAsync(id)).Version));
        Assert.Equal(SealingOutcome.Archived, await h.NewJob().RunThroughAsync(id, SealingStep.Confirm, exclusive: true, None));
    }

    private static async Task<Guid> ParkAsync(SealingHarness h, string code)
    {
        // The state a run leaves when a copy fails its post-write confirmation (SealingOutcome.NeedsOperator).
        var id = await h.SubmitAsync(code, SealingHarness.RequiredItems(code));
        await new SealingStore(h.DataSource).RecordProblemAsync(id, new ArchiveProblem("seal.confirm-offline", "k", "写入后核对失败。"), None);
        return id;
    }

    private static string? EntryType(byte[]? entry) => JsonDocument.Parse(entry!).RootElement.GetProperty("type").GetString();
}
