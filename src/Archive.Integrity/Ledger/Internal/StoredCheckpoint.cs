using System.Runtime.CompilerServices;
using NodaTime;
using Npgsql;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>A row of <c>ledger.checkpoints</c>, and the reads the checkpoint issuer needs.</summary>
internal sealed record StoredCheckpoint(long TreeSize, byte[] Root, string Note, string VerifierKey, string? CosignerKey)
{
    public static async Task<StoredCheckpoint?> ReadLatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string sql = "SELECT tree_size, root, note, verifier_key, cosigner_key FROM ledger.checkpoints ORDER BY tree_size DESC LIMIT 1";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredCheckpoint(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    public static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredCheckpoint checkpoint, Instant signedAt, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO ledger.checkpoints (tree_size, root, note, verifier_key, cosigner_key, signed_at)
            VALUES (@size, @root, @note, @key, @cosigner, @at)
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("size", checkpoint.TreeSize);
        command.Parameters.AddWithValue("root", checkpoint.Root);
        command.Parameters.AddWithValue("note", checkpoint.Note);
        command.Parameters.AddWithValue("key", checkpoint.VerifierKey);
        command.Parameters.AddWithValue("cosigner", (object?)checkpoint.CosignerKey ?? DBNull.Value);
        command.Parameters.AddWithValue("at", signedAt);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async IAsyncEnumerable<(long Index, byte[] Bytes)> ReadEntriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, [EnumeratorCancellation] CancellationToken ct)
    {
        const string sql = "SELECT index, bytes FROM ledger.entries WHERE index >= @from AND index < @to ORDER BY index";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var rows = new List<(long, byte[])>();
        // Buffer the chunk: the hash reader needs the same connection while the caller iterates.
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }
        }
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    public static async Task<List<byte[]>> ReadHashRangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, CancellationToken ct)
    {
        const string sql = "SELECT hash FROM ledger.tree_hashes WHERE stored_index >= @from AND stored_index < @to ORDER BY stored_index";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hashes = new List<byte[]>();
        while (await reader.ReadAsync(ct))
        {
            hashes.Add((byte[])reader.GetValue(0));
        }
        return hashes;
    }
}
