using NodaTime;
using Npgsql;

namespace Archive.Integrity.Custody;

/// <summary>
/// Verification runs and their work lists in PostgreSQL (tables <c>custody.runs</c>, <c>custody.run_objects</c>,
/// <c>custody.run_failures</c>): a run's objects are fixed once, then claimed in batches with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so that several processes share a run, never check an object twice,
/// and a killed worker's objects are taken over when its lease ends.
/// </summary>
public sealed partial class VerificationRunStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records a new run, queued.</summary>
    /// <param name="id">The run's id.</param>
    /// <param name="trigger"><c>manual</c> or <c>scheduled</c>.</param>
    /// <param name="copies">The copies to check (at least one).</param>
    /// <param name="projects">The projects, or null for all.</param>
    /// <param name="now">The time.</param>
    /// <param name="ct">Cancels the statement.</param>
    public async Task CreateAsync(Guid id, string trigger, IReadOnlyCollection<CopyKind> copies, IReadOnlyCollection<string>? projects, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(copies);
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO custody.runs (id, status, trigger, copies, projects, created_at) VALUES ($1, 'queued', $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = trigger });
        cmd.Parameters.Add(new() { Value = copies.Select(CopyNames.Of).ToArray() });
        cmd.Parameters.Add(new() { Value = (object?)projects?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Fixes the work list of a queued run (once; later calls do nothing): per copy, the objects in scope verified
    /// longest ago first, at most <paramref name="limitPerCopy"/> of them (null for all).
    /// </summary>
    /// <param name="id">The run.</param>
    /// <param name="limitPerCopy">The most objects per copy, or null for every object in scope.</param>
    /// <param name="now">The time.</param>
    /// <param name="ct">Cancels the transaction.</param>
    public async Task PlanAsync(Guid id, long? limitPerCopy, Instant now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string[] copies;
        string[]? projects;
        await using (var start = new NpgsqlCommand(
            "UPDATE custody.runs SET status = 'running', started_at = $2 WHERE id = $1 AND status = 'queued' RETURNING copies, projects", conn, tx))
        {
            start.Parameters.Add(new() { Value = id });
            start.Parameters.Add(new() { Value = now });
            await using var r = await start.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                return;
            }

            copies = r.GetFieldValue<string[]>(0);
            projects = r.IsDBNull(1) ? null : r.GetFieldValue<string[]>(1);
        }

        foreach (var copy in copies)
        {
            await using var plan = new NpgsqlCommand(
                """
                INSERT INTO custody.run_objects (run_id, copy, key)
                SELECT $1, copy, key FROM custody.objects
                WHERE copy = $2 AND ($3::text[] IS NULL OR project_code = ANY($3))
                ORDER BY last_verified_at NULLS FIRST, key LIMIT $4
                """, conn, tx);
            plan.Parameters.Add(new() { Value = id });
            plan.Parameters.Add(new() { Value = copy });
            plan.Parameters.Add(new() { Value = (object?)projects ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            plan.Parameters.Add(new() { Value = (object?)limitPerCopy ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            await plan.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>How many objects of a copy are registered.</summary>
    /// <param name="copy">The copy.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<long> CountObjectsAsync(CopyKind copy, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM custody.objects WHERE copy = $1");
        cmd.Parameters.Add(new() { Value = CopyNames.Of(copy) });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Claims up to <paramref name="batch"/> unchecked objects of a run (or ones whose claim lapsed).</summary>
    /// <param name="id">The run.</param>
    /// <param name="batch">The most objects to claim.</param>
    /// <param name="lease">How long the claim holds.</param>
    /// <param name="now">The time.</param>
    /// <param name="ct">Cancels the statement.</param>
    public async Task<IReadOnlyList<CustodyObject>> ClaimAsync(Guid id, int batch, Duration lease, Instant now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            WITH picked AS (
                SELECT copy, key FROM custody.run_objects
                WHERE run_id = $1 AND (state = 'pending' OR (state = 'claimed' AND claimed_until < $2))
                ORDER BY copy, key LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE custody.run_objects r SET state = 'claimed', claimed_until = $4, checks = r.checks + 1
            FROM picked JOIN custody.objects o ON o.copy = picked.copy AND o.key = picked.key
            WHERE r.run_id = $1 AND r.copy = picked.copy AND r.key = picked.key
            RETURNING o.copy, o.key, o.project_code, o.version, o.path, o.size, o.sha256, o.sm3, o.counterpart_key
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = batch });
        cmd.Parameters.Add(new() { Value = now + lease });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var claimed = new List<CustodyObject>();
        while (await r.ReadAsync(ct))
        {
            claimed.Add(CustodyRegistry.Read(r));
        }

        return claimed;
    }

    /// <summary>Records the check of one claimed object and adds it to the run's counts (once per object).</summary>
    /// <param name="id">The run.</param>
    /// <param name="target">The object.</param>
    /// <param name="outcome">What the check found and did.</param>
    /// <param name="ct">Cancels the transaction.</param>
    public async Task CompleteObjectAsync(Guid id, CustodyObject target, RepairOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(outcome);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var done = new NpgsqlCommand(
            "UPDATE custody.run_objects SET state = 'done', result = $4, bytes = $5 WHERE run_id = $1 AND copy = $2 AND key = $3 AND state <> 'done'", conn, tx))
        {
            done.Parameters.Add(new() { Value = id });
            done.Parameters.Add(new() { Value = CopyNames.Of(target.Copy) });
            done.Parameters.Add(new() { Value = target.Key });
            done.Parameters.Add(new() { Value = outcome.Failure ?? "ok" });
            done.Parameters.Add(new() { Value = outcome.BytesRead });
            if (await done.ExecuteNonQueryAsync(ct) == 0)
            {
                return;
            }
        }

        if (outcome.Failure is { } kind)
        {
            await using var failure = new NpgsqlCommand(
                """
                INSERT INTO custody.run_failures (run_id, copy, key, project_code, version, path, kind, repaired, lost, ledger_index)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
                """, conn, tx);
            failure.Parameters.Add(new() { Value = id });
            failure.Parameters.Add(new() { Value = CopyNames.Of(target.Copy) });
            failure.Parameters.Add(new() { Value = target.Key });
            failure.Parameters.Add(new() { Value = target.ProjectCode });
            failure.Parameters.Add(new() { Value = target.Version });
            failure.Parameters.Add(new() { Value = target.Path });
            failure.Parameters.Add(new() { Value = kind });
            failure.Parameters.Add(new() { Value = outcome.Repaired });
            failure.Parameters.Add(new() { Value = outcome.Lost });
            failure.Parameters.Add(new() { Value = (object?)outcome.LedgerIndex ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            await failure.ExecuteNonQueryAsync(ct);
        }

        await using (var counts = new NpgsqlCommand(
            """
            UPDATE custody.runs SET objects_checked = objects_checked + 1, bytes_checked = bytes_checked + $2,
                   repaired = repaired + $3, lost = lost + $4
            WHERE id = $1
            """, conn, tx))
        {
            counts.Parameters.Add(new() { Value = id });
            counts.Parameters.Add(new() { Value = outcome.BytesRead });
            counts.Parameters.Add(new() { Value = outcome.Repaired ? 1 : 0 });
            counts.Parameters.Add(new() { Value = outcome.Lost ? 1 : 0 });
            await counts.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The runs still running (to resume after a crash).</summary>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id FROM custody.runs WHERE status IN ('queued', 'running') ORDER BY created_at");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }
}
