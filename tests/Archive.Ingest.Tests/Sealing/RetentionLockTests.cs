using Archive.Ingest.Sealing;
using Archive.Storage;

namespace Archive.Ingest.Tests.Sealing;

public sealed class RetentionLockTests
{
    [Fact]
    public async Task Promote_LocksObjectsUntilRetentionEnd_WhenStoreOffersRetention()
    {
        var root = Path.Combine(Path.GetTempPath(), "archive-sealing-tests", Guid.NewGuid().ToString("N"));
        var online = new LockRecordingStore(ObjectStoreFactory.Create("file:" + root), retention: true);
        await using var h = await SealingHarness.CreateAsync(onlineOverride: online);
        try
        {
            await online.EnsureReadyAsync(CancellationToken.None);
            var id = await h.SubmitAsync("YN-LOCK-0001", SealingHarness.RequiredItems("l"));
            await h.NewJob().RunAsync(id, CancellationToken.None);

            // other.yaml: 15 years from completion (2025-05-20) → kept through 2040-05-20, locked until the next day begins in Shanghai.
            var expected = new DateTimeOffset(2040, 5, 20, 16, 0, 0, TimeSpan.Zero);
            var objectLocks = online.PutLocks.Where(p => p.Key.StartsWith("objects/", StringComparison.Ordinal)).ToList();
            Assert.Equal(5, objectLocks.Count);
            Assert.All(objectLocks, p => Assert.Equal(expected, p.Value));
            Assert.DoesNotContain(online.Copies, k => k.StartsWith("objects/", StringComparison.Ordinal));
            Assert.Equal("archived", (await h.SubmissionAsync(id)).Status);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Promote_CopiesServerSideWithoutLock_WhenStoreHasNoRetention()
    {
        var root = Path.Combine(Path.GetTempPath(), "archive-sealing-tests", Guid.NewGuid().ToString("N"));
        var online = new LockRecordingStore(ObjectStoreFactory.Create("file:" + root), retention: false);
        await using var h = await SealingHarness.CreateAsync(onlineOverride: online);
        try
        {
            await online.EnsureReadyAsync(CancellationToken.None);
            var id = await h.SubmitAsync("YN-LOCK-0002", SealingHarness.RequiredItems("m"));
            await h.NewJob().RunAsync(id, CancellationToken.None);

            Assert.Equal(5, online.Copies.Count(k => k.StartsWith("objects/", StringComparison.Ordinal)));
            Assert.DoesNotContain(online.PutLocks, p => p.Key.StartsWith("objects/", StringComparison.Ordinal));
            // The version's small files still ask for its retention end; a store without retention ignores it.
            var expected = new DateTimeOffset(2040, 5, 20, 16, 0, 0, TimeSpan.Zero);
            Assert.Equal(expected, Assert.Single(online.PutLocks, p => p.Key.StartsWith("manifests/", StringComparison.Ordinal) && !p.Key.EndsWith(".chunks.json", StringComparison.Ordinal)).Value);
            Assert.Equal("archived", (await h.SubmissionAsync(id)).Status);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
