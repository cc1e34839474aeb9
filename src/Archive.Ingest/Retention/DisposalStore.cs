using NodaTime;
using Npgsql;

namespace Archive.Ingest.Retention;

/// <summary>Reads and status changes of disposals (table <c>ingest.disposals</c> and its children).</summary>
public sealed partial class DisposalStore(NpgsqlDataSource dataSource)
{
    /// <summary>Appraising.</summary>
    public const string Appraising = "appraising";

    /// <summary>Kept by the appraisal group (retention extended).</summary>
    public const string Kept = "kept";

    /// <summary>Decided for disposal, being carried out.</summary>
    public const string Disposing = "disposing";

    /// <summary>Decided for disposal, waiting for a hold's release or a store's lock to end.</summary>
    public const string Waiting = "waiting";

    /// <summary>Carried out.</summary>
    public const string Disposed = "disposed";

    /// <summary>The data source.</summary>
    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>A disposal, or null.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<Disposal?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await GetAsync(conn, null, id, false, ct);
    }

    /// <summary>The ids of disposals decided but not finished (for the daily retry), oldest first.</summary>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<Guid>> PendingAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id FROM ingest.disposals WHERE status IN ('disposing', 'waiting') ORDER BY proposed_at LIMIT 100");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The disposal with its projects and decisions; with <paramref name="forUpdate"/> its row is locked.</summary>
    internal static async Task<Disposal?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid id, bool forUpdate, CancellationToken ct)
    {
        Disposal? disposal;
        await using (var cmd = new NpgsqlCommand(
            $"""
            SELECT status, reason, proposed_by, proposed_by_name, proposed_at, proposed_entry, waiting_reason, register_key, register_sha256, completed_at
            FROM ingest.disposals WHERE id = $1 {(forUpdate ? "FOR UPDATE" : string.Empty)}
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                return null;
            }

            disposal = new Disposal(id, r.GetString(0), [], r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetFieldValue<Instant>(4), r.GetInt64(5), [],
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetFieldValue<Instant>(9));
        }

        var projects = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT project_code FROM ingest.disposal_projects WHERE disposal_id = $1 ORDER BY project_code COLLATE \"C\"", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                projects.Add(r.GetString(0));
            }
        }

        var decisions = new List<DisposalDecision>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT approver_id, approver_name, decision, comment, extend_until, decided_at, ledger_index FROM ingest.disposal_decisions WHERE disposal_id = $1 ORDER BY ledger_index",
            conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                decisions.Add(new DisposalDecision(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetFieldValue<LocalDate>(4), r.GetFieldValue<Instant>(5), r.GetInt64(6)));
            }
        }

        var items = new List<DisposalItem>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT project_code, version, path FROM ingest.disposal_items WHERE disposal_id = $1 ORDER BY project_code COLLATE \"C\", version, path COLLATE \"C\"", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                items.Add(new DisposalItem(r.GetString(0), r.GetInt32(1), r.GetString(2)));
            }
        }

        return disposal with { Projects = projects, Decisions = decisions, Items = items };
    }

    /// <summary>Sets the status (and the waiting reason, cleared unless waiting).</summary>
    internal async Task SetStatusAsync(Guid id, string status, string? waitingReason, Instant? completedAt, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE ingest.disposals SET status = $2, waiting_reason = $3, completed_at = $4 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = status });
        cmd.Parameters.Add(new() { Value = (object?)waitingReason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)completedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the stored 销毁清册.</summary>
    internal async Task SetRegisterAsync(Guid id, string key, string sha256, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE ingest.disposals SET register_key = $2, register_sha256 = $3 WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = key });
        cmd.Parameters.Add(new() { Value = sha256 });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The tombstone ledger index of a disposed version, or null when it is not disposed.</summary>
    /// <param name="projectCode">The (normalised) project code.</param>
    /// <param name="version">The version.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<long?> TombstoneOfAsync(string projectCode, int version, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT tombstone_entry FROM ingest.disposed_versions WHERE project_code = $1 AND version = $2");
        cmd.Parameters.Add(new() { Value = projectCode });
        cmd.Parameters.Add(new() { Value = version });
        return await cmd.ExecuteScalarAsync(ct) is long index ? index : null;
    }
}
