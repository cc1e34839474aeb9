using Archive.Ingest.Staging;
using Archive.Ingest.Submissions;
using Archive.Ingest.Tests.Sealing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Archive.Ingest.Tests.Staging;

public sealed class StagingCleanupJobTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RunAsync_RemovesOnlyReleasedLeftovers_AndKeepsIdleStagingForADecision()
    {
        await using var h = await SealingHarness.CreateAsync();

        // An archived project (objects, manifest, bag) whose staging was left behind by a crash after the commit.
        var archived = await h.SubmitAsync("YN-CLEAN-1", SealingHarness.RequiredItems("k1"));
        await h.NewJob().RunAsync(archived, None);
        var leftover = $"staging/{archived:N}/{Guid.NewGuid():N}";
        await h.Stores.Online.PutAsync(leftover, new MemoryStream("left behind"u8.ToArray()), null, None);
        await using (var cmd = h.DataSource.CreateCommand("UPDATE ingest.submissions SET staging_cleared_at = NULL WHERE id = $1"))
        {
            cmd.Parameters.Add(new() { Value = archived });
            await cmd.ExecuteNonQueryAsync();
        }

        // An open submission abandoned after one upload, and one still being filled.
        var service = h.Submissions;
        var abandoned = (await service.CreateAsync(h.Caller, SealingHarness.Metadata("YN-CLEAN-2"), None)).Id;
        await service.PutItemAsync(h.Caller, abandoned, "a.txt", "project-record", "text/plain", null, null, new MemoryStream("old"u8.ToArray()), None);
        var busy = (await service.CreateAsync(h.Caller, SealingHarness.Metadata("YN-CLEAN-3"), None)).Id;
        h.Clock.Advance(Duration.FromDays(29));
        await service.PutItemAsync(h.Caller, busy, "b.txt", "project-record", "text/plain", null, null, new MemoryStream("recent"u8.ToArray()), None);
        h.Clock.Advance(Duration.FromDays(2));

        var sealedOnline = (await h.KeysAsync(h.Stores.Online, "objects/")).Concat(await h.KeysAsync(h.Stores.Online, "manifests/")).ToList();
        var bag = await BagChecks.SnapshotAsync(h, "YN-CLEAN-1/");
        var job = new StagingCleanupJob(h.DataSource, h.Stores, h.Options, h.Clock, NullLogger<StagingCleanupJob>.Instance);

        var result = await job.RunAsync(None);

        // Only the archived submission's leftovers go; the idle one is counted and kept for an archivist's decision
        // (issue 11 §1: staging is never deleted without a recorded decision).
        Assert.Equal(new StagingCleanupResult(Expired: 1, Cleared: 1), result);
        Assert.Equal(SubmissionStatus.Open, (await h.SubmissionAsync(abandoned)).Status);
        Assert.Single(await h.KeysAsync(h.Stores.Online, $"staging/{abandoned:N}/"));
        Assert.Empty(await h.KeysAsync(h.Stores.Online, $"staging/{archived:N}/"));
        Assert.Equal(SubmissionStatus.Open, (await h.SubmissionAsync(busy)).Status);
        Assert.Single(await h.KeysAsync(h.Stores.Online, $"staging/{busy:N}/"));
        Assert.Equal(sealedOnline, (await h.KeysAsync(h.Stores.Online, "objects/")).Concat(await h.KeysAsync(h.Stores.Online, "manifests/")).ToList());
        Assert.Equal(bag, await BagChecks.SnapshotAsync(h, "YN-CLEAN-1/"));

        // A second pass deletes nothing more: the idle submission still waits for its decision.
        Assert.Equal(new StagingCleanupResult(1, 0), await job.RunAsync(None));
        Assert.Single(await h.KeysAsync(h.Stores.Online, $"staging/{abandoned:N}/"));
    }
}
