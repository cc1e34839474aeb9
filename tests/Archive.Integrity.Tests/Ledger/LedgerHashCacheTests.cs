using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Archive.Testing;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>
/// The writer loop's and proofs' cache of committed stored hashes: nothing uncommitted ever reaches it, and what it
/// serves gives the same hashes and proofs as the table (checked against the reference tree built from the entries).
/// </summary>
public sealed class LedgerHashCacheTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    [Fact]
    public async Task FailedBatch_LeavesNothingCached_WhenNextBatchReusesItsIndexes()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, "before", 3);
        _ = await ledger.ProveInclusionAsync(0, 3, CancellationToken.None);
        // A batch whose hashes are computed, then refused by the database when inserted (as a failed commit would be).
        await db.ExecuteAsync("""
            CREATE FUNCTION ledger.test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
            CREATE TRIGGER test_refuse BEFORE INSERT ON ledger.tree_hashes FOR EACH ROW EXECUTE FUNCTION ledger.test_refuse();
            """);

        await Assert.ThrowsAnyAsync<Exception>(() => ledger.AppendAsync("refused", new JsonObject { ["i"] = 3 }));

        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM ledger.entries"));
        await db.ExecuteAsync("DROP TRIGGER test_refuse ON ledger.tree_hashes; DROP FUNCTION ledger.test_refuse();");
        await AppendAsync(ledger, "after", 6);
        await AssertMatchesReferenceAsync(db, ledger, 9);
    }

    [Fact]
    public async Task RolledBackAppendInTransaction_LeavesNothingCached()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, "before", 3);
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // Two appends in one transaction: the second reads the first's uncommitted hashes from the table.
            await ledger.AppendInTransactionAsync(connection, transaction, "rolled-back", new JsonObject { ["i"] = 3 }, null, CancellationToken.None);
            await ledger.AppendInTransactionAsync(connection, transaction, "rolled-back", new JsonObject { ["i"] = 4 }, null, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        await AppendAsync(ledger, "after", 6);

        await AssertMatchesReferenceAsync(db, ledger, 9);
    }

    [Fact]
    public async Task Proofs_Verify_WhenManyConcurrentAppendsPassThroughATinyCache()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        // Eight hashes: generations of four rotate all the time, so hits, misses and evictions all happen.
        var ledger = db.CreateLedger(Signer, options: new LedgerOptions { Origin = LedgerTestDatabase.Origin, HashCacheSize = 8 });
        await Task.WhenAll(Enumerable.Range(0, 20).Select(c => Task.Run(() => AppendAsync(ledger, $"c{c}", 15))));

        await AssertMatchesReferenceAsync(db, ledger, 300);
    }

    [Fact]
    public async Task AppendAsync_Refuses_WhenDatabaseRolledBackBehindRunningLedger()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, "before", 10);
        await db.TamperAsync("ledger.entries", "DELETE FROM ledger.entries WHERE index >= 5");
        await db.TamperAsync("ledger.tree_hashes", $"DELETE FROM ledger.tree_hashes WHERE stored_index >= {StoredHashes.StoredHashCount(5)}");

        var e = await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.AppendAsync("after", []));

        Assert.Contains("rolled back", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, await db.ScalarAsync("SELECT count(*) FROM ledger.entries"));
        Assert.Equal(StoredHashes.StoredHashCount(5), await db.ScalarAsync("SELECT count(*) FROM ledger.tree_hashes"));
    }

    [Fact]
    public void Cache_StaysBounded_AndKeepsTheHashesInUse()
    {
        var cache = new Archive.Integrity.Ledger.Internal.CommittedHashCache(100);
        var kept = new byte[32];
        cache.Add(-1, kept);
        for (var i = 0; i < 10_000; i++)
        {
            cache.Add(i, new byte[32]);
            Assert.True(cache.TryGet(-1, out _), $"the hash in use was evicted after {i} others");
        }

        var held = Enumerable.Range(0, 10_000).Count(i => cache.TryGet(i, out _));
        Assert.InRange(held, 1, 100);
        // The cache holds its own copy: changing the array it was given changes nothing it serves.
        kept[0] = 1;
        Assert.True(cache.TryGet(-1, out var copy) && copy[0] == 0);
    }

    private static async Task AppendAsync(PostgresLedger ledger, string type, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync("test." + type, new JsonObject { ["i"] = i });
        }
    }

    // Every stored hash equals the reference tree's, and every inclusion proof at the full size (and at a few smaller
    // sizes) verifies against the reference root of the committed entries.
    private static async Task AssertMatchesReferenceAsync(TestDatabase db, PostgresLedger ledger, int size)
    {
        Assert.Equal(size, await ledger.GetSizeAsync(CancellationToken.None));
        var records = new List<byte[]>();
        var reference = new InMemoryHashStore();
        for (var i = 0; i < size; i++)
        {
            var bytes = (await ledger.GetEntryAsync(i, CancellationToken.None))!;
            records.Add(bytes);
            reference.Append(bytes);
        }
        Assert.Equal(reference.HashCount, await db.ScalarAsync("SELECT count(*) FROM ledger.tree_hashes"));
        var expected = await reference.ReadHashesAsync([.. Enumerable.Range(0, (int)reference.HashCount).Select(i => (long)i)], CancellationToken.None);
        await using (var command = db.DataSource.CreateCommand("SELECT hash FROM ledger.tree_hashes ORDER BY stored_index"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            for (var i = 0; await reader.ReadAsync(); i++)
            {
                Assert.Equal(expected[i], (byte[])reader.GetValue(0));
            }
        }

        foreach (var treeSize in new[] { size, size - 1, (size / 2) + 1 })
        {
            var root = ReferenceMerkleTree.RootHash(records, treeSize);
            for (var i = 0; i < treeSize; i++)
            {
                var proof = await ledger.ProveInclusionAsync(i, treeSize, CancellationToken.None);
                Assert.True(Proofs.CheckRecord(proof, treeSize, root, i, TreeHashing.RecordHash(records[i])), $"inclusion of {i} in {treeSize}");
            }
        }
    }
}
