using Archive.Integrity.Merkle;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// Reads stored tree hashes from <c>ledger.tree_hashes</c> through one connection, with an in-memory
/// overlay that holds hashes computed but not yet committed (earlier records of the same batch) and
/// caches what was read, so a batch costs O(log n) rows, not one query per record.
/// </summary>
internal sealed class StoredHashReader(NpgsqlConnection connection, NpgsqlTransaction? transaction) : IHashReader
{
    private readonly Dictionary<long, byte[]> _overlay = [];

    /// <summary>Makes a hash visible to later reads before it is committed.</summary>
    public void Add(long storedIndex, byte[] hash) => _overlay[storedIndex] = hash;

    public async ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken ct)
    {
        var missing = indexes.Where(i => !_overlay.ContainsKey(i)).Distinct().ToArray();
        if (missing.Length > 0)
        {
            const string sql = "SELECT stored_index, hash FROM ledger.tree_hashes WHERE stored_index = ANY(@indexes)";
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long[]>("indexes", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = missing });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                _overlay[reader.GetInt64(0)] = (byte[])reader.GetValue(1);
            }
        }

        var result = new byte[indexes.Count][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _overlay.TryGetValue(indexes[i], out var hash)
                ? hash
                : throw new LedgerIntegrityException($"Stored tree hash {indexes[i]} is missing from ledger.tree_hashes.");
        }
        return result;
    }
}
