using Archive.Integrity.Merkle;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// Reads stored tree hashes from <c>ledger.tree_hashes</c> through one connection, with an in-memory
/// overlay that holds hashes computed but not yet committed (earlier records of the same batch) and
/// caches what was read, so a batch costs O(log n) rows, not one query per record. With a
/// <see cref="CommittedHashCache"/>, hashes found there are not read again; nothing goes into that cache until
/// the owner calls <see cref="PublishCommitted"/>, once it knows every hash this reader holds is committed.
/// </summary>
internal sealed class StoredHashReader(NpgsqlConnection connection, NpgsqlTransaction? transaction, CommittedHashCache? cache = null) : IHashReader
{
    private readonly Dictionary<long, byte[]> _overlay = [];

    /// <summary>The committed-hash cache this reader consults, if any.</summary>
    public CommittedHashCache? Cache => cache;

    /// <summary>Makes a hash visible to later reads before it is committed.</summary>
    public void Add(long storedIndex, byte[] hash) => _overlay[storedIndex] = hash;

    /// <summary>
    /// Puts every hash this reader read or was given into the cache. Only for a reader outside any transaction, or
    /// after the owner's transaction — which held nothing but this reader's batch — committed.
    /// </summary>
    public void PublishCommitted()
    {
        if (cache is null)
        {
            return;
        }
        foreach (var (storedIndex, hash) in _overlay)
        {
            cache.Add(storedIndex, hash);
        }
    }

    public async ValueTask<IReadOnlyList<byte[]>> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken ct)
    {
        List<long>? missing = null;
        foreach (var index in indexes)
        {
            if (_overlay.ContainsKey(index))
            {
                continue;
            }
            if (cache is not null && cache.TryGet(index, out var cached))
            {
                _overlay[index] = cached;
                continue;
            }
            missing ??= [];
            missing.Add(index);
        }

        if (missing is not null)
        {
            const string sql = "SELECT stored_index, hash FROM ledger.tree_hashes WHERE stored_index = ANY(@indexes)";
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long[]>("indexes", NpgsqlDbType.Array | NpgsqlDbType.Bigint)
            {
                TypedValue = [.. missing.Distinct()],
            });
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
