using System.Text.Json.Nodes;
using Archive.Api.Backup;
using Archive.Api.Tests.Cli;
using Archive.Integrity.Ledger;
using Archive.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Archive.Api.Tests.Backup;

/// <summary>
/// The restore drill of issue 12 §3: a cluster of its own with the real WAL archiving, the ledger migrated and written,
/// WAL shipped and a base backup taken into a filesystem offline store by the backup job (which ledgers it); time T noted,
/// more written and its WAL left in the spool (the restore ships it first); the cluster destroyed; restored to the newest
/// WAL (everything is back), then to T (only what was written before T is back).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RestoreDrillTests
{
    [Fact]
    public async Task Restore_BringsBackWhatWasWrittenBeforeTheTarget_AndEverythingAtLatest()
    {
        var root = Directory.CreateTempSubdirectory("archive-restore-drill-").FullName;
        var cluster = new DrillCluster(root);
        var offlineUri = "file:" + Path.Combine(root, "offline");
        var offline = ObjectStoreFactory.Create(offlineUri);
        await offline.EnsureReadyAsync(CancellationToken.None);
        var settings = new BackupSettings { Spool = cluster.Spool, Database = cluster.Backup };
        var shipper = new WalShipper(offline);
        try
        {
            await cluster.StartAsync();
            await LedgerSchema.MigrateAsync(cluster.Owner, CancellationToken.None);
            DateTimeOffset target;
            string backupId;
            await using (var dataSource = new NpgsqlDataSourceBuilder(cluster.Owner).UseNodaTime().Build())
            await using (var ledger = new PostgresLedger(dataSource, SystemClock.Instance,
                LedgerSigningKey.LoadOrCreate(null, Path.Combine(root, "ledger-signing.key"), "drill/ledger"),
                new LedgerOptions { Origin = "drill/ledger" }, NullLogger<PostgresLedger>.Instance))
            {
                await AppendAsync(ledger, "drill.before", 3);
                var job = new DatabaseBackupJob(settings, shipper, new BaseBackupTaker(offline, SystemClock.Instance), ledger, NullLogger<DatabaseBackupJob>.Instance);
                await job.TakeBaseBackupAsync(CancellationToken.None);
                var recorded = JsonNode.Parse((await ledger.GetEntryAsync(await ledger.GetSizeAsync(CancellationToken.None) - 1, CancellationToken.None))!)!;
                Assert.Equal("database.backed-up", (string?)recorded["type"]);
                backupId = (string)recorded["id"]!;
                var key = (string)recorded["objects"]![0]!["key"]!;
                Assert.Equal((long)recorded["objects"]![0]!["size"]!, (await offline.StatAsync(key, CancellationToken.None))!.Size);

                await AppendAsync(ledger, "drill.before", 2);
                await cluster.SwitchWalAsync();
                await job.ShipWalAsync(CancellationToken.None);
                Assert.Empty(Directory.GetFiles(cluster.Spool));

                await Task.Delay(TimeSpan.FromSeconds(1.2));
                target = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
                await Task.Delay(TimeSpan.FromSeconds(1.2));

                // Spooled but never shipped by the job: the restore ships what is left in the spool itself.
                await AppendAsync(ledger, "drill.after", 2);
                await cluster.SwitchWalAsync();
            }

            var running = await cluster.RestoreAsync("latest", offlineUri, expectSuccess: false);
            Assert.Contains("restore.cluster-running", running, StringComparison.Ordinal);
            Assert.Empty(Directory.GetDirectories(cluster.Data, "restore-*"));

            await cluster.StopAsync();
            Directory.Delete(Path.Combine(cluster.Data, "pg"), recursive: true);

            // The newest state first: after a restore to T the cluster continues on a new timeline that branches at T,
            // and "latest" follows that timeline (README "Database backups").
            var output = await cluster.RestoreAsync("latest", offlineUri);
            Assert.Contains(backupId, output, StringComparison.Ordinal);
            Assert.Equal((5, 2, 1), await CountAsync(cluster));

            output = await cluster.RestoreAsync(target.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture), offlineUri);
            Assert.Contains("previous cluster:   " + cluster.Data + "/pg.before-restore-", output, StringComparison.Ordinal);
            Assert.Equal((5, 0, 1), await CountAsync(cluster));
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AppendAsync(PostgresLedger ledger, string type, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync(type, new JsonObject { ["n"] = i });
        }
    }

    private static async Task<(long Before, long After, long Backups)> CountAsync(DrillCluster cluster)
    {
        await cluster.StartAsync();
        try
        {
            await using var connection = new NpgsqlConnection(cluster.Superuser);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE t = 'drill.before'), count(*) FILTER (WHERE t = 'drill.after'), " +
                "count(*) FILTER (WHERE t = 'database.backed-up') " +
                "FROM (SELECT convert_from(bytes, 'UTF8')::jsonb->>'type' AS t FROM ledger.entries) e", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        finally
        {
            await cluster.StopAsync();
        }
    }
}
