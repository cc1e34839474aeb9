using NodaTime;
using Npgsql;

namespace Archive.Ingest.Reading;

public sealed partial class ProjectCatalog
{
    /// <summary>
    /// The project's summary: catalogue entry, sealed versions with item counts and copies' states, the unfinished
    /// submission, and required items still outstanding; null when no project has this code.
    /// </summary>
    /// <param name="code">The project code as sent.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<ProjectSummary?> GetSummaryAsync(string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = Normalize(code);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        CatalogEntry? entry = null;
        await using (var cmd = new NpgsqlCommand($"SELECT {EntryColumns} FROM ingest.projects p WHERE p.code = $1", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = code });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                entry = ReadEntry(r, 0);
            }
        }

        if (entry is null)
        {
            return null;
        }

        var versions = await VersionsAsync(conn, tx, code, ct);
        var submission = await OpenSubmissionAsync(conn, tx, code, ct);
        var missing = await OutstandingItems.ListAsync(conn, tx, code, ct);
        var parties = await PartiesAsync(conn, tx, code, ct);
        await tx.CommitAsync(ct);
        return new ProjectSummary(entry, versions, submission, missing) { Parties = parties };
    }

    private static async Task<IReadOnlyList<VersionSummary>> VersionsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT v.version, v.sealed_at, v.manifest_sha256, v.previous_sha256, v.ledger_index,
                   (SELECT count(*) FROM ingest.version_items i WHERE i.project_code = v.project_code AND i.version = v.version),
                   (SELECT coalesce(sum(i.size), 0) FROM ingest.version_items i WHERE i.project_code = v.project_code AND i.version = v.version),
                   v.retain_until, v.archived_at, v.online_state, v.offline_state
            FROM ingest.versions v WHERE v.project_code = $1 ORDER BY v.version
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var versions = new List<VersionSummary>();
        while (await r.ReadAsync(ct))
        {
            versions.Add(new VersionSummary(
                r.GetInt32(0), r.GetFieldValue<Instant>(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4),
                checked((int)r.GetInt64(5)), (long)r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetFieldValue<LocalDate>(7),
                r.GetFieldValue<Instant>(8), r.GetString(9), r.GetString(10)));
        }

        return versions;
    }

    private static async Task<IReadOnlyList<ProjectParty>> PartiesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT role, name, credit_code, is_agency FROM ingest.project_parties WHERE project_code = $1 ORDER BY ordinal", conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var parties = new List<ProjectParty>();
        while (await r.ReadAsync(ct))
        {
            parties.Add(new ProjectParty(r.GetString(0), PersonalDataMask.Mask(r.GetString(1))!, r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3)));
        }

        return parties;
    }

    private static async Task<OpenSubmissionState?> OpenSubmissionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT s.id, s.status, s.created_at, s.seal_requested_at,
                   (SELECT count(*) FROM ingest.submission_items i WHERE i.submission_id = s.id), jsonb_array_length(s.problems)
            FROM ingest.submissions s WHERE s.project_code = $1 AND s.status IN ('open', 'sealing')
            ORDER BY s.created_at DESC LIMIT 1
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new OpenSubmissionState(r.GetGuid(0), r.GetString(1), r.GetFieldValue<Instant>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<Instant>(3), checked((int)r.GetInt64(4)), r.GetInt32(5))
            : null;
    }
}
