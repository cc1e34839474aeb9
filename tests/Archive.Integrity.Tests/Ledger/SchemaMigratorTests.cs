using Archive.Integrity.Database;
using Archive.Integrity.Ledger;
using Archive.Testing;
using Npgsql;

namespace Archive.Integrity.Tests.Ledger;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task RunAsync_AppliesEachScriptOnce_WhenProcessesStartTogether()
    {
        var connectionString = await TestServices.CreateDatabaseAsync("migr");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => LedgerSchema.MigrateAsync(connectionString, CancellationToken.None))));
        await LedgerSchema.MigrateAsync(connectionString, CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT scriptname FROM ledger.schemaversions ORDER BY scriptname", connection);
        var scripts = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                scripts.Add(reader.GetString(0));
            }
        }
        Assert.Equal(
            [
                "Archive.Integrity.Migrations.ledger_0001_create_ledger.sql",
                "Archive.Integrity.Migrations.ledger_0002_verifier_keys_no_truncate.sql",
                "Archive.Integrity.Migrations.ledger_0003_cosigned_checkpoints.sql",
            ],
            scripts);
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'ledger'", connection);
        Assert.Equal(5L, await tables.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Ledger")]
    [InlineData("a;drop")]
    [InlineData("1x")]
    public async Task RunAsync_Refuses_WhenSchemaNameIsNotAPlainIdentifier(string schema) =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            SchemaMigrator.RunAsync("Host=unused", schema, typeof(LedgerSchema).Assembly, "x", CancellationToken.None));
}
