using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;
using Archive.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>A fresh database with the ledger schema per test, and ledgers over it as separate processes would build them.</summary>
internal static class LedgerTestDatabase
{
    public const string Origin = "test.example/ledger";

    public static Instant Start { get; } = Instant.FromUtc(2024, 1, 2, 3, 4, 5);

    public static Task<TestDatabase> CreateAsync() => TestDatabase.CreateAsync("ledger", LedgerSchema.MigrateAsync);

    /// <summary>A ledger on a data source of its own unless <paramref name="dataSource"/> is given; disposed with the database.</summary>
    public static PostgresLedger CreateLedger(
        this TestDatabase db, NoteSigner signer, IClock? clock = null, LedgerOptions? options = null, NpgsqlDataSource? dataSource = null,
        Sm2NoteSigner? cosigner = null) =>
        db.Own(new PostgresLedger(
            dataSource ?? db.CreateDataSource(),
            clock ?? new FakeClock(Start, Duration.FromMilliseconds(1)),
            signer,
            options ?? new LedgerOptions { Origin = Origin },
            NullLogger<PostgresLedger>.Instance,
            cosigner: cosigner));
}
