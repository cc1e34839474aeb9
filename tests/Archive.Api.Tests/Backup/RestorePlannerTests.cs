using System.Security.Cryptography;
using System.Text;
using Archive.Api.Backup;
using Archive.Storage;
using Archive.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Archive.Api.Tests.Backup;

/// <summary>
/// What a restore is refused for (a target in the future, no base backup before the target, a gap in the shipped WAL)
/// and what it picks otherwise, against each kind of offline store (their listings differ); and the WAL shipping's
/// write-once rule. No cluster: the records and segments are written as the backup job writes them.
/// </summary>
public sealed class RestorePlannerTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 12, 0);

    [Theory]
    [InlineData("file")]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task Plan_PicksTheNewestBackupBeforeTheTarget_AndTheWalRunAfterIt(string kind)
    {
        var (store, cleanup) = await TestStores.CreateAsync(kind);
        try
        {
            await WriteBackupAsync(store, Now - Duration.FromHours(30), "000000010000000000000002");
            var recent = await WriteBackupAsync(store, Now - Duration.FromHours(6), "000000010000000000000005");
            foreach (var segment in new[] { "000000010000000000000004", "000000010000000000000006", "000000010000000000000007", "00000002.history" })
            {
                await PutAsync(store, WalShipper.Prefix + segment, segment);
            }

            var planner = new RestorePlanner(store, new FakeClock(Now));
            var latest = await planner.PlanAsync(null, CancellationToken.None);
            Assert.Equal(recent.Id, latest.Backup.Id);
            Assert.Equal("000000010000000000000007", latest.LastSegment);
            Assert.Equal(
                ["backups/wal/000000010000000000000006", "backups/wal/000000010000000000000007", "backups/wal/00000002.history"],
                latest.Wal.Order(StringComparer.Ordinal));

            var earlier = await planner.PlanAsync(Now - Duration.FromHours(12), CancellationToken.None);
            Assert.Equal("000000010000000000000002", earlier.Backup.StartWal);
        }
        finally
        {
            await cleanup();
        }
    }

    [Fact]
    public async Task Plan_Refuses_WhenTheTargetIsInTheFuture_OrPrecedesEveryBackup()
    {
        var (store, cleanup) = await TestStores.CreateAsync("file");
        try
        {
            var planner = new RestorePlanner(store, new FakeClock(Now));
            Assert.Equal("restore.no-backup", (await Assert.ThrowsAsync<BackupException>(() => planner.PlanAsync(null, CancellationToken.None))).Code);

            await WriteBackupAsync(store, Now - Duration.FromHours(6), "000000010000000000000005");
            var future = await Assert.ThrowsAsync<BackupException>(() => planner.PlanAsync(Now + Duration.FromMinutes(1), CancellationToken.None));
            Assert.Equal("restore.target-in-future", future.Code);
            var before = await Assert.ThrowsAsync<BackupException>(() => planner.PlanAsync(Now - Duration.FromHours(7), CancellationToken.None));
            Assert.Equal("restore.no-backup", before.Code);
        }
        finally
        {
            await cleanup();
        }
    }

    [Fact]
    public async Task Plan_RefusesLatest_WhenAShippedSegmentIsMissing_ButRestoresToAnInstantUpToTheGap()
    {
        var (store, cleanup) = await TestStores.CreateAsync("file");
        try
        {
            await WriteBackupAsync(store, Now - Duration.FromHours(6), "000000010000000000000005");
            await PutAsync(store, WalShipper.Prefix + "000000010000000000000006", "6");
            await PutAsync(store, WalShipper.Prefix + "000000010000000000000008", "8");
            var planner = new RestorePlanner(store, new FakeClock(Now));

            var missing = await Assert.ThrowsAsync<BackupException>(() => planner.PlanAsync(null, CancellationToken.None));
            Assert.Equal("restore.wal-missing", missing.Code);
            Assert.Contains("0000000000000007", missing.UserMessage, StringComparison.Ordinal);

            var toInstant = await planner.PlanAsync(Now - Duration.FromHours(1), CancellationToken.None);
            Assert.Equal("000000010000000000000006", toInstant.LastSegment);
        }
        finally
        {
            await cleanup();
        }
    }

    [Fact]
    public async Task Ship_CountsIdenticalBytesAsShipped_AndRefusesDifferentBytes_KeepingBothCopies()
    {
        var (store, cleanup) = await TestStores.CreateAsync("file");
        var spool = Directory.CreateTempSubdirectory("archive-wal-spool-").FullName;
        try
        {
            await PutAsync(store, WalShipper.Prefix + "000000010000000000000003", "three");
            await PutAsync(store, WalShipper.Prefix + "000000010000000000000004", "four");
            await File.WriteAllTextAsync(Path.Combine(spool, "000000010000000000000003"), "three");
            await File.WriteAllTextAsync(Path.Combine(spool, ".000000010000000000000005.partial"), "being written");
            var shipper = new WalShipper(store);

            Assert.Equal(1, await shipper.ShipAsync(spool, CancellationToken.None));
            Assert.Equal([".000000010000000000000005.partial"], Directory.GetFiles(spool).Select(Path.GetFileName));

            await File.WriteAllTextAsync(Path.Combine(spool, "000000010000000000000004"), "FOUR");
            var conflict = await Assert.ThrowsAsync<BackupException>(() => shipper.ShipAsync(spool, CancellationToken.None));
            Assert.Equal("backup.wal-conflict", conflict.Code);
            Assert.True(File.Exists(Path.Combine(spool, "000000010000000000000004")));
            await using var stored = await store.GetAsync(WalShipper.Prefix + "000000010000000000000004", null, CancellationToken.None);
            Assert.Equal("four", await new StreamReader(stored).ReadToEndAsync());
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
            await cleanup();
        }
    }

    private static async Task<BaseBackupRecord> WriteBackupAsync(IObjectStore store, Instant completed, string startWal)
    {
        var id = completed.ToString("uuuuMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var key = $"{BaseBackupTaker.Prefix}{id}/base.tar";
        var stored = await PutAsync(store, key, "not a real tar: the planner does not open it");
        var record = new BaseBackupRecord(id, completed - Duration.FromMinutes(2), completed, startWal, key, stored.Size, stored.Digests.Sha256Hex);
        await PutAsync(store, $"{BaseBackupTaker.Prefix}{id}/{BaseBackupTaker.RecordName}", record.ToJson().ToJsonString());
        return record;
    }

    private static async Task<StoredObject> PutAsync(IObjectStore store, string key, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var content = new MemoryStream(bytes);
        return await store.PutAsync(key, content, new PutOptions { ExpectedSha256 = SHA256.HashData(bytes) }, CancellationToken.None);
    }
}
