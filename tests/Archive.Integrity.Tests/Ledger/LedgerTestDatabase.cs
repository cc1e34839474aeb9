using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;
using Archive.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>A fresh, migrated database per test, and ledgers over it as separate processes would build them.</summary>
internal sealed class LedgerTestDatabase : IAsyncDisposable
{
    public const string Origin = "test.example/ledger";

    private readonly List<IAsyncDisposable> _owned = [];

    private LedgerTestDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static Instant Start { get; } = Instant.FromUtc(2024, 1, 2, 3, 4, 5);

    public static async Task<LedgerTestDatabase> CreateAsync()
    {
        var connectionString = await TestServices.CreateDatabaseAsync("ledger");
        await LedgerSchema.MigrateAsync(connectionString, CancellationToken.None);
        return new LedgerTestDatabase(connectionString);
    }

    /// <summary>A data source of its own, built like the host builds it.</summary>
    public NpgsqlDataSource CreateDataSource()
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        builder.UseNodaTime();
        var dataSource = builder.Build();
        _owned.Add(dataSource);
        return dataSource;
    }

    public PostgresLedger CreateLedger(
        NoteSigner signer, IClock? clock = null, LedgerOptions? options = null, NpgsqlDataSource? dataSource = null)
    {
        var ledger = new PostgresLedger(
            dataSource ?? CreateDataSource(),
            clock ?? new FakeClock(Start, Duration.FromMilliseconds(1)),
            signer,
            options ?? new LedgerOptions { Origin = Origin },
            NullLogger<PostgresLedger>.Instance);
        // Ledgers are disposed before their data sources (disposal runs in reverse order).
        _owned.Add(ledger);
        return ledger;
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Changes a row behind the ledger's back, as a rogue administrator could (the append-only triggers are bypassed).</summary>
    public Task TamperAsync(string table, string sql) =>
        ExecuteAsync($"""
            BEGIN;
            ALTER TABLE ledger.{table} DISABLE TRIGGER USER;
            {sql};
            ALTER TABLE ledger.{table} ENABLE TRIGGER USER;
            COMMIT;
            """);

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
