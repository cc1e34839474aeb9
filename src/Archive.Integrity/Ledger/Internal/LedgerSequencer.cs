using Archive.Integrity.Merkle;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// The single sequencer: under one transaction-level advisory lock it reads the size, computes the
/// stored tree hashes of the new records and inserts entries and hashes, so appends from every
/// process form one gap-free sequence. The caller owns the transaction and commits it.
/// </summary>
internal static class LedgerSequencer
{
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
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKeys.Sequencer})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        // Statements after the lock see every append committed before it (READ COMMITTED takes a new snapshot per statement).
        var existing = await FindByIdempotencyKeysAsync(connection, transaction, entries, ct);
        var size = await LedgerQueries.GetSizeAsync(connection, transaction, ct);
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
            await CopyEntriesAsync(connection, appended, ct);
            await CopyHashesAsync(connection, firstStoredIndex, hashes, ct);
        }
        return results;
    }

    private static async Task<Dictionary<string, LedgerAppendResult>> FindByIdempotencyKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PreparedEntry> entries, CancellationToken ct)
    {
        var keys = entries.Select(e => e.IdempotencyKey).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var found = new Dictionary<string, LedgerAppendResult>(StringComparer.Ordinal);
        if (keys.Length == 0)
        {
            return found;
        }

        const string sql = "SELECT index, bytes, idempotency_key FROM ledger.entries WHERE idempotency_key = ANY(@keys)";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = keys });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var bytes = (byte[])reader.GetValue(1);
            found[reader.GetString(2)] = new LedgerAppendResult(reader.GetInt64(0), bytes, TreeHashing.RecordHash(bytes), AlreadyPresent: true);
        }
        return found;
    }

    private static async Task CopyEntriesAsync(
        NpgsqlConnection connection, List<(long Index, PreparedEntry Entry)> appended, CancellationToken ct)
    {
        const string copy = "COPY ledger.entries (index, bytes, type, idempotency_key, appended_at) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var (index, entry) in appended)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(index, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(entry.Bytes, NpgsqlDbType.Bytea, ct);
            await importer.WriteAsync(entry.Type, NpgsqlDbType.Text, ct);
            if (entry.IdempotencyKey is null)
            {
                await importer.WriteNullAsync(ct);
            }
            else
            {
                await importer.WriteAsync(entry.IdempotencyKey, NpgsqlDbType.Text, ct);
            }
            await importer.WriteAsync(entry.At, NpgsqlDbType.TimestampTz, ct);
        }
        await importer.CompleteAsync(ct);
    }

    private static async Task CopyHashesAsync(NpgsqlConnection connection, long firstStoredIndex, List<byte[]> hashes, CancellationToken ct)
    {
        const string copy = "COPY ledger.tree_hashes (stored_index, hash) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        var storedIndex = firstStoredIndex;
        foreach (var hash in hashes)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(storedIndex++, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(hash, NpgsqlDbType.Bytea, ct);
        }
        await importer.CompleteAsync(ct);
    }
}
