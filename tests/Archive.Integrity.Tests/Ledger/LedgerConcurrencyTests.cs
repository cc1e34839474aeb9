using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using Archive.Integrity.Ledger;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Npgsql;
using Xunit.Abstractions;

namespace Archive.Integrity.Tests.Ledger;

public sealed class LedgerConcurrencyTests(ITestOutputHelper output)
{
    private const int Instances = 4;
    private const int Writers = 40;
    private const int EntriesPerWriter = 60;

    [Fact]
    public async Task Appends_FormOneVerifiableLog_WhenSeveralInstancesAppendAndSignConcurrently()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var signer = NoteSigner.Generate(LedgerTestDatabase.Origin);
        var ledgers = Enumerable.Range(0, Instances).Select(_ => db.CreateLedger(signer)).ToArray();
        var callerSources = Enumerable.Range(0, Instances).Select(_ => db.CreateDataSource()).ToArray();

        using var appendsDone = new CancellationTokenSource();
        var signing = Task.Run(async () =>
        {
            var i = 0;
            while (!appendsDone.IsCancellationRequested)
            {
                await ledgers[i++ % Instances].SignCheckpointAsync(CancellationToken.None);
                await Task.Delay(75, CancellationToken.None);
            }
        });
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var indexes = new List<long>();
            for (var k = 0; k < EntriesPerWriter; k++)
            {
                var fields = new JsonObject { ["writer"] = w, ["k"] = k, ["note"] = $"写入者 {w} 条目 {k}" };
                // Every other writer goes through caller transactions, as a principal change would.
                if (w % 5 == 4)
                {
                    indexes.Add(await AppendInOwnTransactionAsync(callerSources[w % Instances], ledgers[w % Instances], fields));
                }
                else
                {
                    indexes.Add((await ledgers[w % Instances].AppendAsync("test.concurrent", fields)).Index);
                }
            }
            return indexes;
        })).ToArray();
        var appended = (await Task.WhenAll(writers)).SelectMany(x => x).ToArray();
        await appendsDone.CancelAsync();
        await signing;
        await ledgers[0].SignCheckpointAsync(CancellationToken.None);

        const int total = Writers * EntriesPerWriter;
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), appended.Order());
        Assert.Equal(total, await ledgers[1].GetSizeAsync(CancellationToken.None));

        var entries = await ReadEntriesAsync(db.ConnectionString);
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), entries.Select(e => e.Index));
        foreach (var (_, bytes) in entries)
        {
            Assert.Equal(bytes, CanonicalJson.Canonicalize(bytes));
            var json = JsonNode.Parse(bytes)!.AsObject();
            Assert.Equal("test.concurrent", (string?)json["type"]);
        }

        var records = entries.Select(e => e.Bytes).ToArray();
        var leaves = records.Select(r => TreeHashing.RecordHash(r)).ToArray();
        var memory = new InMemoryHashStore();
        var checkpoints = await ReadCheckpointsAsync(db.ConnectionString);
        output.WriteLine($"{total} entries, {checkpoints.Count} checkpoints signed while appending");
        Assert.True(checkpoints.Count >= 3, $"only {checkpoints.Count} checkpoints were signed");
        var verifier = NoteVerifier.Parse(ledgers[2].VerifierKey);
        foreach (var (size, root, note) in checkpoints)
        {
            Assert.Equal(ReferenceMerkleTree.RootHash(records, (int)size), root);
            while (memory.Size < size)
            {
                memory.Append(entries[(int)memory.Size].Bytes);
            }
            Assert.Equal(root, await StoredHashes.TreeHashAsync(size, memory, CancellationToken.None));
            var body = Checkpoint.ParseBody(SignedNote.Open(note, verifier));
            Assert.Equal(LedgerTestDatabase.Origin, body.Origin);
            Assert.Equal(size, body.TreeSize);
            Assert.Equal(root, body.RootHash);
        }

        while (memory.Size < total)
        {
            memory.Append(records[(int)memory.Size]);
        }
        var storedHashes = await ReadStoredHashesAsync(db.ConnectionString);
        Assert.Equal(StoredHashes.StoredHashCount(total), storedHashes.Count);
        Assert.Equal(await memory.ReadHashesAsync([.. Enumerable.Range(0, storedHashes.Count).Select(i => (long)i)], CancellationToken.None), storedHashes);

        var proofs = 0;
        for (var i = 0; i < total; i++)
        {
            var covering = checkpoints.Where(c => c.Size > i).ToArray();
            foreach (var (size, root, _) in new[] { covering[0], covering[covering.Length / 2], covering[^1] }.Distinct())
            {
                var proof = await ledgers[i % Instances].ProveInclusionAsync(i, size, CancellationToken.None);
                Assert.True(Proofs.CheckRecord(proof, size, root, i, leaves[i]), $"inclusion of {i} in {size}");
                proofs++;
            }
        }
        for (var a = 0; a < checkpoints.Count; a++)
        {
            for (var b = a; b < checkpoints.Count; b++)
            {
                var (from, to) = (checkpoints[a], checkpoints[b]);
                var proof = await ledgers[(a + b) % Instances].ProveConsistencyAsync(from.Size, to.Size, CancellationToken.None);
                Assert.True(Proofs.CheckTree(proof, to.Size, to.Root, from.Size, from.Root), $"consistency {from.Size} → {to.Size}");
                proofs++;
            }
        }
        output.WriteLine($"{proofs} proofs verified");
    }

    private static async Task<long> AppendInOwnTransactionAsync(
        NpgsqlDataSource dataSource, PostgresLedger ledger, JsonObject fields)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await ledger.AppendInTransactionAsync(connection, transaction, "test.concurrent", fields, null, CancellationToken.None);
        await transaction.CommitAsync();
        return result.Index;
    }

    private static async Task<List<(long Index, byte[] Bytes)>> ReadEntriesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT index, bytes FROM ledger.entries ORDER BY index", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, byte[])>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }
        return rows;
    }

    private static async Task<List<byte[]>> ReadStoredHashesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT stored_index, hash FROM ledger.tree_hashes ORDER BY stored_index", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var hashes = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            Assert.Equal(hashes.Count, reader.GetInt64(0));
            hashes.Add((byte[])reader.GetValue(1));
        }
        return hashes;
    }

    private static async Task<List<(long Size, byte[] Root, string Note)>> ReadCheckpointsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tree_size, root, note FROM ledger.checkpoints ORDER BY tree_size", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, byte[], string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2)));
        }
        return rows;
    }
}
