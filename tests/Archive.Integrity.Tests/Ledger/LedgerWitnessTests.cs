using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Testing;
using Archive.Integrity.Ledger.Audit;
using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Archive.Storage;
using Archive.Storage.FileSystem;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>Signed checkpoints kept in both object stores, and a database rolled back behind them.</summary>
public sealed class LedgerWitnessTests : IDisposable
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "witness-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task SignCheckpointAsync_WritesEveryCheckpoint_ToBothStores()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var (witness, online, offline) = CreateWitness();
        var ledger = CreateLedger(db, witness);

        await AppendAsync(ledger, 3);
        var first = await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 2);
        var second = await ledger.SignCheckpointAsync(CancellationToken.None);

        foreach (var store in new[] { online, offline })
        {
            Assert.Equal(first, await ReadAsync(store, StoreCheckpointWitness.KeyFor(3)));
            Assert.Equal(second, await ReadAsync(store, StoreCheckpointWitness.KeyFor(5)));
            Assert.Equal(second, await ReadAsync(store, StoreCheckpointWitness.LatestKey));
        }

        Assert.Equal(5L, (await witness.ReadNewestAsync(CancellationToken.None))!.TreeSize);
    }

    [Fact]
    public async Task StartAsync_Refuses_WhenDatabaseRolledBackBehindWitnessedCheckpoint()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var (witness, _, _) = CreateWitness();
        var ledger = CreateLedger(db, witness);
        await AppendAsync(ledger, 5);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 5);
        await ledger.SignCheckpointAsync(CancellationToken.None);

        // Restore "an older backup": the database as it was at size 5, checkpoint 10 and its entries gone.
        await RollBackAsync(db, 5);
        var restarted = CreateLedger(db, witness);

        var e = await Assert.ThrowsAsync<LedgerIntegrityException>(() => restarted.StartAsync(CancellationToken.None));
        Assert.Contains("checkpoint 10 was witnessed", e.Message, StringComparison.Ordinal);
        var report = await new LedgerAuditor(db.CreateDataSource(), restarted.VerifierKey, witness).AuditAsync(CancellationToken.None);
        Assert.True(report.Critical);
        Assert.Equal(5L, report.FirstBadIndex);
    }

    [Fact]
    public async Task SignCheckpointAsync_Refuses_WhenRolledBackDatabaseGrowsPastWitness()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var (witness, _, _) = CreateWitness();
        var ledger = CreateLedger(db, witness);
        await AppendAsync(ledger, 6);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 4);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await RollBackAsync(db, 6);
        var restarted = CreateLedger(db, witness);
        for (var i = 0; i < 7; i++)
        {
            await restarted.AppendAsync("test.other", new JsonObject { ["j"] = i });
        }

        await Assert.ThrowsAsync<LedgerIntegrityException>(() => restarted.SignCheckpointAsync(CancellationToken.None));
        Assert.Null(await restarted.GetCheckpointAsync(13, CancellationToken.None));
        var report = await new LedgerAuditor(db.CreateDataSource(), restarted.VerifierKey, witness).AuditAsync(CancellationToken.None);
        Assert.Contains(report.Findings, f => f.Kind == "witness.root" && f.Index == 6);
    }

    [Fact]
    public async Task StartAsync_WitnessesLatestCheckpoint_WhenWitnessWasEmpty()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = CreateLedger(db, null);
        await AppendAsync(ledger, 4);
        var note = await ledger.SignCheckpointAsync(CancellationToken.None);
        var (witness, _, offline) = CreateWitness();

        await CreateLedger(db, witness).StartAsync(CancellationToken.None);

        Assert.Equal(note, await ReadAsync(offline, StoreCheckpointWitness.LatestKey));
    }

    private (StoreCheckpointWitness Witness, IObjectStore Online, IObjectStore Offline) CreateWitness()
    {
        var online = new FileSystemObjectStore(Path.Combine(_root, "online"));
        var offline = new FileSystemObjectStore(Path.Combine(_root, "offline"));
        var witness = new StoreCheckpointWitness([new("online", online), new("offline", offline)], Signer.Verifier.ToVerifierKey());
        return (witness, online, offline);
    }

    private static PostgresLedger CreateLedger(TestDatabase db, ICheckpointWitness? witness)
    {
        return witness is null ? db.CreateLedger(Signer) : new PostgresLedger(
            db.CreateDataSource(), new NodaTime.Testing.FakeClock(LedgerTestDatabase.Start), Signer,
            new LedgerOptions { Origin = LedgerTestDatabase.Origin }, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresLedger>.Instance, witness);
    }

    private static async Task RollBackAsync(TestDatabase db, long size)
    {
        await db.TamperAsync("ledger.entries", $"DELETE FROM ledger.entries WHERE index >= {size}");
        await db.TamperAsync("ledger.tree_hashes", $"DELETE FROM ledger.tree_hashes WHERE stored_index >= {StoredHashes.StoredHashCount(size)}");
        await db.TamperAsync("ledger.checkpoints", $"DELETE FROM ledger.checkpoints WHERE tree_size > {size}");
    }

    private static async Task AppendAsync(PostgresLedger ledger, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync("test.witness", new JsonObject { ["i"] = i });
        }
    }

    private static async Task<string> ReadAsync(IObjectStore store, string key)
    {
        await using var stream = await store.GetAsync(key, null, CancellationToken.None);
        return await new StreamReader(stream).ReadToEndAsync();
    }
}
