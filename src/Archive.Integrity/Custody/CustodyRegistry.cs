using NodaTime;
using Npgsql;

namespace Archive.Integrity.Custody;

/// <summary>
/// The registry of sealed objects per copy (table <c>custody.objects</c>): what each must hold, where its counterpart
/// is, and its state (<c>ok</c>, <c>failed</c>, <c>repaired</c>, <c>lost</c>).
/// </summary>
public sealed class CustodyRegistry(NpgsqlDataSource dataSource)
{
    /// <summary>State of an object whose last check passed.</summary>
    public const string Ok = "ok";

    /// <summary>State of an object that failed and is not repaired yet.</summary>
    public const string Failed = "failed";

    /// <summary>State of an object repaired from the other copy.</summary>
    public const string Repaired = "repaired";

    /// <summary>State of an object neither of whose copies verifies.</summary>
    public const string Lost = "lost";

    private const string Columns = "copy, key, project_code, version, path, size, sha256, sm3, counterpart_key";

    /// <summary>Registers objects (idempotent: an object already registered keeps its row).</summary>
    /// <param name="objects">The objects.</param>
    /// <param name="now">The registration time.</param>
    /// <param name="ct">Cancels the statement.</param>
    public async Task RegisterAsync(IReadOnlyCollection<CustodyObject> objects, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(objects);
        await using var cmd = dataSource.CreateCommand(
            $"""
            INSERT INTO custody.objects ({Columns}, registered_at)
            SELECT *, $10 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])
            ON CONFLICT (copy, key) DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = objects.Select(o => CopyNames.Of(o.Copy)).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.Key).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.ProjectCode).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.Version).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.Path).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.Size).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.Sha256).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.Sm3).ToArray() });
        cmd.Parameters.Add(new() { Value = objects.Select(o => o.CounterpartKey).ToArray() });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The versions with at least one registered object, as <c>(project, version)</c>.</summary>
    /// <param name="projects">Only these projects, or null for all.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlySet<(string Project, int Version)>> RegisteredVersionsAsync(IReadOnlyCollection<string>? projects, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT DISTINCT project_code, version FROM custody.objects WHERE $1::text[] IS NULL OR project_code = ANY($1)");
        cmd.Parameters.Add(new() { Value = (object?)projects?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var versions = new HashSet<(string, int)>();
        while (await r.ReadAsync(ct))
        {
            versions.Add((r.GetString(0), r.GetInt32(1)));
        }

        return versions;
    }

    /// <summary>The sealed size and SHA-256 of every registered object of a copy whose key starts with <paramref name="prefix"/>.</summary>
    /// <param name="copy">The copy.</param>
    /// <param name="prefix">The key prefix (e.g. a bag's).</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyDictionary<string, (long Size, string Sha256)>> SealedUnderAsync(CopyKind copy, string prefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var cmd = dataSource.CreateCommand("SELECT key, size, sha256 FROM custody.objects WHERE copy = $1 AND left(key, char_length($2)) = $2");
        cmd.Parameters.Add(new() { Value = CopyNames.Of(copy) });
        cmd.Parameters.Add(new() { Value = prefix });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var sealedObjects = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            sealedObjects[r.GetString(0)] = (r.GetInt64(1), r.GetString(2));
        }

        return sealedObjects;
    }

    /// <summary>A registered object, or null.</summary>
    /// <param name="copy">The copy.</param>
    /// <param name="key">Its key.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<CustodyObject?> FindAsync(CopyKind copy, string key, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM custody.objects WHERE copy = $1 AND key = $2");
        cmd.Parameters.Add(new() { Value = CopyNames.Of(copy) });
        cmd.Parameters.Add(new() { Value = key });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The state of an object; <see cref="Ok"/> when it is not registered.</summary>
    /// <param name="copy">The copy.</param>
    /// <param name="key">Its key.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<string> StateAsync(CopyKind copy, string key, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT state FROM custody.objects WHERE copy = $1 AND key = $2");
        cmd.Parameters.Add(new() { Value = CopyNames.Of(copy) });
        cmd.Parameters.Add(new() { Value = key });
        return await cmd.ExecuteScalarAsync(ct) as string ?? Ok;
    }

    /// <summary>Sets an object's state, and when it was verified if <paramref name="verifiedAt"/> is given.</summary>
    /// <param name="copy">The copy.</param>
    /// <param name="key">Its key.</param>
    /// <param name="state">The new state.</param>
    /// <param name="verifiedAt">The time of the check that set it, or null.</param>
    /// <param name="ct">Cancels the statement.</param>
    public async Task SetStateAsync(CopyKind copy, string key, string state, Instant? verifiedAt, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE custody.objects SET state = $3, last_verified_at = coalesce($4, last_verified_at) WHERE copy = $1 AND key = $2");
        cmd.Parameters.Add(new() { Value = CopyNames.Of(copy) });
        cmd.Parameters.Add(new() { Value = key });
        cmd.Parameters.Add(new() { Value = state });
        cmd.Parameters.Add(new() { Value = (object?)verifiedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Forgets objects deleted by a disposal at the end of retention (销毁): verification no longer expects them, so it
    /// never reports them lost; their pending checks in unfinished runs are dropped. The tombstone entry in the ledger,
    /// not this registry, records that they existed. An object of the other copy that is kept (its bytes are still
    /// referenced) and named a deleted key as its counterpart is re-paired with another registered object of the same
    /// digest in this copy, so a repair still has a source.
    /// </summary>
    /// <param name="copy">The copy.</param>
    /// <param name="keys">The deleted keys.</param>
    /// <param name="ct">Cancels the transaction.</param>
    public async Task ForgetDisposedAsync(CopyKind copy, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var sql in new[]
        {
            "DELETE FROM custody.run_objects WHERE copy = $1 AND key = ANY($2) AND state <> 'done'",
            "DELETE FROM custody.objects WHERE copy = $1 AND key = ANY($2)",
            """
            UPDATE custody.objects o SET (counterpart_key, project_code, version, path) =
                (SELECT a.key, a.project_code, a.version, a.path FROM custody.objects a WHERE a.copy = $1 AND a.sha256 = o.sha256 ORDER BY a.project_code, a.version DESC, a.key LIMIT 1)
            WHERE o.copy <> $1 AND o.counterpart_key = ANY($2)
              AND EXISTS (SELECT 1 FROM custody.objects a WHERE a.copy = $1 AND a.sha256 = o.sha256)
            """,
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.Add(new() { Value = CopyNames.Of(copy) });
            cmd.Parameters.Add(new() { Value = keys.ToArray() });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    internal static CustodyObject Read(NpgsqlDataReader r) => new(
        CopyNames.Parse(r.GetString(0))!.Value, r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetInt64(5),
        r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8));
}
