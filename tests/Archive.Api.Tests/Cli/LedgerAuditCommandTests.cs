using System.Net;
using Archive.Api.Cli;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Npgsql;
using Spectre.Console;

namespace Archive.Api.Tests.Cli;

/// <summary>
/// <c>verify --ledger</c> and the host's start-up comparison with the checkpoints witnessed in the stores, against
/// changes made through a superuser connection with the append-only triggers disabled.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class LedgerAuditCommandTests
{
    [Fact]
    public async Task VerifyLedger_PassesThenNamesFirstBadIndex_WhenEntryUpdatedBySuperuser()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();
        var admin = factory.ClientWith(factory.AdminToken);
        await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        await admin.CreatePrincipalAsync("曲靖市电子交易系统", "ingest", "曲靖市公共资源交易中心");
        await admin.WaitForCheckpointCoveringAsync(1);

        var (passed, passedOutput) = await VerifyAsync(factory);
        await TamperAsync(factory.Database, "entries", "UPDATE ledger.entries SET bytes = bytes || ' '::bytea WHERE index = 1");
        var (failed, failedOutput) = await VerifyAsync(factory);

        Assert.True(passed == ArchiveCli.Success, passedOutput);
        Assert.Contains("账本自检通过", passedOutput, StringComparison.Ordinal);
        Assert.Equal(LedgerAuditCommand.AuditFailed, failed);
        Assert.Contains("首个异常条目序号：1", failedOutput, StringComparison.Ordinal);
        Assert.Contains("entry.changed", failedOutput, StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(factory.Database);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM ledger.entries WHERE type = 'ledger.audited'", db);
        Assert.Equal(2L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task HostStart_Refuses_WhenDatabaseRolledBackBehindWitnessedCheckpoint()
    {
        var data = Directory.CreateTempSubdirectory("archive-witness-test-").FullName;
        var database = await TestServices.CreateDatabaseAsync("witness");
        try
        {
            await using (var first = await ArchiveApiFactory.CreateAsync(database: database, dataDirectory: data))
            {
                var admin = first.ClientWith(first.AdminToken);
                await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
                await admin.WaitForCheckpointCoveringAsync(0);
                Assert.True(File.Exists(Path.Combine(data, "offline", "checkpoints", "latest.txt")));
                Assert.True(File.Exists(Path.Combine(data, "online", "checkpoints", "latest.txt")));
            }

            // "Restore an older backup": the ledger as it was before anything was appended.
            await TamperAsync(database, "entries", "DELETE FROM ledger.entries");
            await TamperAsync(database, "tree_hashes", "DELETE FROM ledger.tree_hashes");
            await TamperAsync(database, "checkpoints", "DELETE FROM ledger.checkpoints");

            await using var restarted = await ArchiveApiFactory.CreateAsync(database: database, dataDirectory: data);
            var e = await Assert.ThrowsAnyAsync<Exception>(async () => await restarted.CreateClient().GetAsync("/healthz"));
            Assert.Contains("was witnessed", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Output)> VerifyAsync(ArchiveApiFactory factory) =>
        CliRun.RunAsync(["verify", "--ledger"], CliRun.SettingsOf(factory));

    private static async Task TamperAsync(string database, string table, string sql)
    {
        // A superuser on the same database: the test cluster's admin connection pointed at the host's database.
        var superuser = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdmin) { Database = new NpgsqlConnectionStringBuilder(database).Database };
        await using var connection = new NpgsqlConnection(superuser.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"BEGIN; ALTER TABLE ledger.{table} DISABLE TRIGGER USER; {sql}; ALTER TABLE ledger.{table} ENABLE TRIGGER USER; COMMIT;", connection);
        await command.ExecuteNonQueryAsync();
    }
}
