using Archive.Integrity.Merkle;
using Npgsql;
using NodaTime;
using NpgsqlTypes;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// The single sequencer: under one transaction-level advisory lock it reads the size, computes the
/// stored tree hashes of the new records and inserts entries and hashes, so appends from every
/// process form one gap-free sequence. The caller owns the transaction and commits it.
/// </summary>
internal static class LedgerSequencer
{
    /// <summary>Appends through a reader of its own (no committed-hash cache): rotation and rebuild, which append rarely.</summary>
    public static Task<LedgerAppendResult[]> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PreparedEntry> entries, CancellationToken ct) =>
        AppendAsync(connection, transaction, entries, new StoredHashReader(connection, transaction), ct);

    /// <summary>
    /// Appends through <paramref name="reader"/> (of this connection and transaction), which afterwards holds every hash
    /// the batch read or computed; its owner publishes them to its cache only once the transaction committed.
    /// </summary>
    public static async Task<LedgerAppendResult[]> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PreparedEntry> entries, StoredHashReader reader,
        CancellationToken ct)
    {
        // One round trip: the lock, then (READ COMMITTED takes a new snapshot per statement) the idempotency keys and the
        // size as every append committed before the lock left them.
        var (existing, size) = await LockAndReadAsync(connection, transaction, entries, ct);
        reader.Cache?.RefuseIfRolledBack(size);

        var results = new LedgerAppendResult[entries.Count];
        var appended = new List<(long Index, PreparedEntry Entry)>(entries.Count);
        var hashes = new List<byte[]>(entries.Count * 2);
        var firstStoredIndex = StoredHashes.StoredHashIndex(0, size);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.IdempotencyKey is { } key && existing.TryGetValue(key, out var earlier))
            {
                results[i] = earlier with { AlreadyPresent = true };
                continue;
            }

            var index = size + appended.Count;
            var stored = await StoredHashes.ComputeForRecordHashAsync(index, entry.LeafHash, reader, ct);
            var storedIndex = StoredHashes.StoredHashIndex(0, index);
            foreach (var hash in stored)
            {
                reader.Add(storedIndex++, hash);
                hashes.Add(hash);
            }
            appended.Add((index, entry));
            results[i] = new LedgerAppendResult(index, entry.Bytes, entry.LeafHash, AlreadyPresent: false);
            if (entry.IdempotencyKey is { } newKey)
            {
                existing[newKey] = results[i];
            }
        }

        if (appended.Count > 0)
        {
            await InsertAsync(connection, transaction, appended, firstStoredIndex, hashes, ct);
        }
        return results;
    }

    private static async Task<(Dictionary<string, LedgerAppendResult> Existing, long Size)> LockAndReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PreparedEntry> entries, CancellationToken ct)
    {
        var keys = entries.Select(e => e.IdempotencyKey).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({LockKeys.Sequencer})"));
        if (keys.Length > 0)
        {
            var lookup = new NpgsqlBatchCommand("SELECT index, bytes, idempotency_key FROM ledger.entries WHERE idempotency_key = ANY($1)");
            lookup.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = keys });
            batch.BatchCommands.Add(lookup);
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LedgerQueries.SizeSql));

        var found = new Dictionary<string, LedgerAppendResult>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        if (keys.Length > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                var bytes = (byte[])reader.GetValue(1);
                found[reader.GetString(2)] = new LedgerAppendResult(reader.GetInt64(0), bytes, TreeHashing.RecordHash(bytes), AlreadyPresent: true);
            }
            await reader.NextResultAsync(ct);
        }
        await reader.ReadAsync(ct);
        return (found, reader.GetInt64(0));
    }

    // Entries and hashes in one round trip: two INSERTs from arrays, sent as one batch.
    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(long Index, PreparedEntry Entry)> appended,
        long firstStoredIndex, List<byte[]> hashes, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var entries = new NpgsqlBatchCommand(
            """
            INSERT INTO ledger.entries (index, bytes, type, idempotency_key, appended_at)
            SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::text[], $4::text[], $5::timestamptz[])
            """);
        entries.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. appended.Select(a => a.Index)] });
        entries.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. appended.Select(a => a.Entry.Bytes)] });
        entries.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. appended.Select(a => a.Entry.Type)] });
        entries.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. appended.Select(a => a.Entry.IdempotencyKey)] });
        entries.Parameters.Add(new NpgsqlParameter<Instant[]> { TypedValue = [.. appended.Select(a => a.Entry.At)] });
        batch.BatchCommands.Add(entries);

        var stored = new NpgsqlBatchCommand("INSERT INTO ledger.tree_hashes (stored_index, hash) SELECT * FROM unnest($1::bigint[], $2::bytea[])");
        stored.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. Enumerable.Range(0, hashes.Count).Select(i => firstStoredIndex + i)] });
        stored.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. hashes] });
        batch.BatchCommands.Add(stored);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
