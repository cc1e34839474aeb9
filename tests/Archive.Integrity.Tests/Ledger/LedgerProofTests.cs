using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Archive.Testing;

namespace Archive.Integrity.Tests.Ledger;

public sealed class LedgerProofTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    [InlineData(0, 11)]
    [InlineData(3, 2)]
    public async Task ProveInclusionAsync_Refuses_WhenArgumentsOutsideTree(long index, long treeSize)
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await WithEntriesAsync(db, 10);

        await Assert.ThrowsAsync<LedgerArgumentException>(() => ledger.ProveInclusionAsync(index, treeSize, CancellationToken.None));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(-1, 5)]
    [InlineData(6, 5)]
    [InlineData(5, 11)]
    public async Task ProveConsistencyAsync_Refuses_WhenArgumentsOutsideTree(long from, long to)
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await WithEntriesAsync(db, 10);

        await Assert.ThrowsAsync<LedgerArgumentException>(() => ledger.ProveConsistencyAsync(from, to, CancellationToken.None));
    }

    [Fact]
    public async Task Proofs_Verify_ForEveryIndexAndSizePair()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await WithEntriesAsync(db, 13);
        var records = new List<byte[]>();
        for (var i = 0; i < 13; i++)
        {
            records.Add((await ledger.GetEntryAsync(i, CancellationToken.None))!);
        }

        for (var size = 1; size <= 13; size++)
        {
            var root = ReferenceMerkleTree.RootHash(records, size);
            for (var i = 0; i < size; i++)
            {
                var inclusion = await ledger.ProveInclusionAsync(i, size, CancellationToken.None);
                Assert.True(Proofs.CheckRecord(inclusion, size, root, i, TreeHashing.RecordHash(records[i])));
            }
            for (var old = 1; old <= size; old++)
            {
                var consistency = await ledger.ProveConsistencyAsync(old, size, CancellationToken.None);
                Assert.True(Proofs.CheckTree(consistency, size, root, old, ReferenceMerkleTree.RootHash(records, old)));
            }
        }
    }

    [Fact]
    public async Task GetEntryAsync_Refuses_WhenIndexNegative()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);

        await Assert.ThrowsAsync<LedgerArgumentException>(() => ledger.GetEntryAsync(-1, CancellationToken.None));
    }

    private static async Task<PostgresLedger> WithEntriesAsync(TestDatabase db, int count)
    {
        var ledger = db.CreateLedger(Signer);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => ledger.AppendAsync("test.proof", new JsonObject { ["i"] = i })));
        return ledger;
    }
}
