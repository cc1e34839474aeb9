using Npgsql;

namespace Archive.Integrity.Ledger.Audit;

/// <summary>The reads of the ledger audit, on its snapshot transaction.</summary>
internal static class AuditQueries
{
    public static async Task<List<(long Index, byte[] Bytes)>> ReadEntriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long from, int limit, CancellationToken ct)
    {
        const string sql = "SELECT index, bytes FROM ledger.entries WHERE index >= @from ORDER BY index LIMIT @limit";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(long, byte[])>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return rows;
    }

    public static async Task<List<(long Index, byte[] Hash)>> ReadHashesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, CancellationToken ct)
    {
        const string sql = "SELECT stored_index, hash FROM ledger.tree_hashes WHERE stored_index >= @from AND stored_index < @to ORDER BY stored_index";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(long, byte[])>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return rows;
    }

    public static async Task<long> CountHashesFromAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long from, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ledger.tree_hashes WHERE stored_index >= @from", connection, transaction);
        command.Parameters.AddWithValue("from", from);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<List<(long Size, byte[] Root, string Note)>> ReadCheckpointsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT tree_size, root, note FROM ledger.checkpoints ORDER BY tree_size", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(long, byte[], string)>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2)));
        }

        return rows;
    }
}
