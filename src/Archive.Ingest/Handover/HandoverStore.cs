using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Ingest.Policies;
using Archive.Ingest.Submissions;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Handover;

/// <summary>The overdue monitor's SQL (tables <c>ingest.overdue_notices</c>, <c>ingest.reminders</c>, <c>ingest.outstanding_items</c>).</summary>
internal sealed class HandoverStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<OpenProject>> OpenSubmissionsAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT s.id, s.project_code, p.name, s.platform, p.region, s.metadata::text,
                   (SELECT min(f.created_at) FROM ingest.submissions f WHERE f.project_code = s.project_code)
            FROM ingest.submissions s JOIN ingest.projects p ON p.code = s.project_code
            WHERE s.status = 'open' ORDER BY s.created_at, s.id
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var open = new List<OpenProject>();
        while (await r.ReadAsync(ct))
        {
            open.Add(new OpenProject(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                JsonNode.Parse(r.GetString(5))!.AsObject(), r.GetFieldValue<Instant>(6)));
        }

        return open;
    }

    /// <summary>The roles the project holds: the submission's items and those its latest archived version carries over.</summary>
    public async Task<IReadOnlyList<string>> PresentRolesAsync(Guid submissionId, string projectCode, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var items = await SubmissionStore.ItemsAsync(conn, null, submissionId, ct);
        var carried = await SubmissionStore.LatestVersionItemsAsync(conn, null, projectCode, ct);
        var paths = items.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        return items.Select(i => i.Role).Concat(carried.Where(c => !paths.Contains(c.Path)).Select(c => c.Role)).ToList();
    }

    /// <summary>Opens an outstanding row, missing since the project's first submission, for each missing role without one.</summary>
    public async Task TrackOutstandingAsync(OpenProject open, IReadOnlyList<ChecklistProblem> missing, Instant now, CancellationToken ct)
    {
        if (missing.Count == 0)
        {
            return;
        }

        await using var cmd = dataSource.CreateCommand(
            """
            INSERT INTO ingest.outstanding_items (project_code, role, message, first_reported_at, last_reported_at, first_submission_id, last_submission_id)
            SELECT $1, m.role, m.message, $4, $5, $6, $6 FROM unnest($2::text[], $3::text[]) AS m (role, message)
            ON CONFLICT (project_code, role) WHERE resolved_at IS NULL DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = open.ProjectCode });
        cmd.Parameters.Add(new() { Value = missing.Select(m => m.Role).ToArray() });
        cmd.Parameters.Add(new() { Value = missing.Select(m => m.Message).ToArray() });
        cmd.Parameters.Add(new() { Value = open.FirstSubmittedAt });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = open.SubmissionId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Claims the notice of (project, deadline); false when a run — here or on another host — claimed it before.</summary>
    public static async Task<bool> ClaimNoticeAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string projectCode, LocalDate due, IReadOnlyList<string> roles, Instant now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO ingest.overdue_notices (project_code, due_date, noticed_at, ledger_index, missing)
            VALUES ($1, $2, $3, -1, $4) ON CONFLICT (project_code, due_date) DO NOTHING
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = projectCode });
        cmd.Parameters.Add(new() { Value = due });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(roles), NpgsqlDbType = NpgsqlDbType.Jsonb });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Fixes the notice's ledger index and records the reminder, in the notice's transaction.</summary>
    public static async Task<Reminder> RecordReminderAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, OpenProject open, LocalDate due, string message, IReadOnlyList<string> roles, Instant now, long index, CancellationToken ct)
    {
        await using (var fix = new NpgsqlCommand("UPDATE ingest.overdue_notices SET ledger_index = $3 WHERE project_code = $1 AND due_date = $2", conn, tx))
        {
            fix.Parameters.Add(new() { Value = open.ProjectCode });
            fix.Parameters.Add(new() { Value = due });
            fix.Parameters.Add(new() { Value = index });
            await fix.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO ingest.reminders (project_code, platform, due_date, message, missing, sent_at, ledger_index)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = open.ProjectCode });
        cmd.Parameters.Add(new() { Value = open.Platform });
        cmd.Parameters.Add(new() { Value = due });
        cmd.Parameters.Add(new() { Value = message });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(roles), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = index });
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return new Reminder(id, open.ProjectCode, open.Platform, due, message, roles, now, index);
    }
}
