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
/// WAL shipped and a base backup taken into a filesystem offline store by the backup job's code; time T noted, more
/// written and shipped; the cluster destroyed; restored to T (only what was written before T is back), then to the
/// newest shipped WAL (everything is back).
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
            await AppendAsync(cluster, root, "drill.before", 3);

            var backup = await new BaseBackupTaker(offline, SystemClock.Instance).TakeAsync(settings, CancellationToken.None);
            Assert.Matches("^[0-9A-F]{24}$", backup.StartWal);
            Assert.Equal(backup.Size, (await offline.StatAsync(backup.Key, CancellationToken.None))!.Size);

            await AppendAsync(cluster, root, "drill.before", 2);
            await cluster.SwitchWalAsync();
            Assert.True(await shipper.ShipAsync(cluster.Spool, CancellationToken.None) > 0);
            Assert.Empty(Directory.GetFiles(cluster.Spool));

            await Task.Delay(TimeSpan.FromSeconds(1.2));
            var target = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
            await Task.Delay(TimeSpan.FromSeconds(1.2));

            await AppendAsync(cluster, root, "drill.after", 2);
            await cluster.SwitchWalAsync();
            await shipper.ShipAsync(cluster.Spool, CancellationToken.None);

            var running = await cluster.RestoreAsync("latest", offlineUri, expectSuccess: false);
            Assert.Contains("restore.cluster-running", running, StringComparison.Ordinal);
            Assert.Empty(Directory.GetDirectories(cluster.Data, "restore-*"));

            await cluster.StopAsync();
            Directory.Delete(Path.Combine(cluster.Data, "pg"), recursive: true);

            var output = await cluster.RestoreAsync(target.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture), offlineUri);
            Assert.Contains(backup.Id, output, StringComparison.Ordinal);
            Assert.Equal((5, 0), await CountAsync(cluster));

            output = await cluster.RestoreAsync("latest", offlineUri);
            Assert.Contains("previous cluster:   " + cluster.Data + "/pg.before-restore-", output, StringComparison.Ordinal);
            Assert.Equal((5, 2), await CountAsync(cluster));
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AppendAsync(DrillCluster cluster, string root, string type, int count)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(cluster.Owner).UseNodaTime().Build();
        var signer = LedgerSigningKey.LoadOrCreate(null, Path.Combine(root, "ledger-signing.key"), "drill/ledger");
        await using var ledger = new PostgresLedger(dataSource, SystemClock.Instance, signer, new LedgerOptions { Origin = "drill/ledger" }, NullLogger<PostgresLedger>.Instance);
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync(type, new JsonObject { ["n"] = i });
        }
    }

    private static async Task<(long Before, long After)> CountAsync(DrillCluster cluster)
    {
        await cluster.StartAsync();
        try
        {
            await using var connection = new NpgsqlConnection(cluster.Superuser);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE t = 'drill.before'), count(*) FILTER (WHERE t = 'drill.after') " +
                "FROM (SELECT convert_from(bytes, 'UTF8')::jsonb->>'type' AS t FROM ledger.entries) e", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        finally
        {
            await cluster.StopAsync();
        }
    }
}
