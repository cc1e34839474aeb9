using Npgsql;

namespace Archive.Integrity.Custody;

/// <summary>The recorded <see cref="ChunkDigests"/> of content, by its SHA-256 (table <c>custody.chunk_digests</c>).</summary>
public sealed class ChunkDigestStore(NpgsqlDataSource dataSource)
{
    /// <summary>The chunk digests of the bytes with this SHA-256, or null when none were recorded.</summary>
    /// <param name="sha256">The content's SHA-256 (lower-case hex).</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<ChunkDigests?> FindAsync(string sha256, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT size, chunk_size, digests FROM custody.chunk_digests WHERE sha256 = $1");
        cmd.Parameters.Add(new() { Value = sha256 });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new ChunkDigests(r.GetInt64(0), r.GetInt32(1), r.GetFieldValue<byte[]>(2)) : null;
    }

    /// <summary>Records the chunk digests of verified bytes; the first record of a content is kept.</summary>
    /// <param name="sha256">The content's SHA-256, already verified.</param>
    /// <param name="chunks">Its chunk digests.</param>
    /// <param name="ct">Cancels the statement.</param>
    /// <returns>The recorded list (an earlier record wins).</returns>
    public async Task<ChunkDigests> SaveAsync(string sha256, ChunkDigests chunks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO custody.chunk_digests (sha256, size, chunk_size, digests) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING");
        cmd.Parameters.Add(new() { Value = sha256 });
        cmd.Parameters.Add(new() { Value = chunks.Size });
        cmd.Parameters.Add(new() { Value = chunks.ChunkSize });
        cmd.Parameters.Add(new() { Value = chunks.ToArray() });
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? chunks : (await FindAsync(sha256, ct))!;
    }
}
