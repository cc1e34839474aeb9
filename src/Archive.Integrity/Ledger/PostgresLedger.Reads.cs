using Archive.Integrity.Ledger.Internal;
using Archive.Integrity.Merkle;
using Npgsql;

namespace Archive.Integrity.Ledger;

public sealed partial class PostgresLedger
{
    /// <inheritdoc />
    public async Task<long> GetSizeAsync(CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        var size = await LedgerQueries.GetSizeAsync(connection, null, ct);
        _hashes?.ObserveCommittedSize(size);
        return size;
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetEntryAsync(long index, CancellationToken ct)
    {
        if (index < 0)
        {
            throw new LedgerArgumentException(nameof(index), "An entry index is never negative.", "条目序号不能为负数。");
        }
        await using var command = _dataSource.CreateCommand("SELECT bytes FROM ledger.entries WHERE index = @index");
        command.Parameters.AddWithValue("index", index);
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    /// <inheritdoc />
    public async Task<string?> GetLatestCheckpointAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT note FROM ledger.checkpoints ORDER BY tree_size DESC LIMIT 1");
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <inheritdoc />
    public async Task<string?> GetCheckpointAsync(long treeSize, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT note FROM ledger.checkpoints WHERE tree_size = @size");
        command.Parameters.AddWithValue("size", treeSize);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> ProveInclusionAsync(long index, long treeSize, CancellationToken ct)
    {
        if (treeSize < 1 || index < 0 || index >= treeSize)
        {
            throw new LedgerArgumentException(
                nameof(index), $"Inclusion needs 0 ≤ index < treeSize; got index {index}, treeSize {treeSize}.",
                $"包含证明要求 0 ≤ index < treeSize，收到 index {index}、treeSize {treeSize}。");
        }
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await EnsureWithinSizeAsync(connection, treeSize, nameof(treeSize), ct);
        var reader = new StoredHashReader(connection, null, _hashes);
        var proof = await Proofs.ProveRecordAsync(treeSize, index, reader, ct);
        reader.PublishCommitted();
        return Copies(proof);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> ProveConsistencyAsync(long from, long to, CancellationToken ct)
    {
        if (from < 1 || from > to)
        {
            throw new LedgerArgumentException(
                nameof(from), $"Consistency needs 1 ≤ from ≤ to; got from {from}, to {to}.",
                $"一致性证明要求 1 ≤ from ≤ to，收到 from {from}、to {to}。");
        }
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await EnsureWithinSizeAsync(connection, to, nameof(to), ct);
        var reader = new StoredHashReader(connection, null, _hashes);
        var proof = await Proofs.ProveTreeAsync(to, from, reader, ct);
        reader.PublishCommitted();
        return Copies(proof);
    }

    // Sizes only grow: a tree no larger than a size already seen committed needs no size query (CommittedHashCache).
    private async Task EnsureWithinSizeAsync(NpgsqlConnection connection, long treeSize, string parameter, CancellationToken ct)
    {
        if (_hashes is not null && treeSize <= _hashes.CommittedSize)
        {
            return;
        }
        var size = await LedgerQueries.GetSizeAsync(connection, null, ct);
        _hashes?.ObserveCommittedSize(size);
        if (treeSize > size)
        {
            throw new LedgerArgumentException(parameter, $"Tree size {treeSize} exceeds the ledger's size {size}.", $"树大小 {treeSize} 超过账本当前大小 {size}。");
        }
    }

    // Outside any transaction every hash read is committed, so the proof readers publish what they read; the proof
    // handed out is a copy, so no caller can change a cached hash.
    private static byte[][] Copies(IReadOnlyList<byte[]> proof) => [.. proof.Select(h => h.ToArray())];
}
