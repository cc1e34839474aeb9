using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Errors;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Submissions;

/// <summary>The submissions tables of schema <c>ingest</c>. Each state change runs in one transaction.</summary>
public sealed class SubmissionStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, project_code, platform, submitted_by, status, metadata::text, created_at, version, sealed_at, manifest_sha256, ledger_index, problems::text";

    /// <summary>
    /// Opens a submission for a project, creating the project's catalogue row on its first submission.
    /// Refused when the project belongs to another platform or already has an unfinished submission.
    /// </summary>
    /// <exception cref="IngestException">Another platform's project (<c>submission.other-platform</c>) or one in progress (<c>submission.in-progress</c>).</exception>
    public async Task InsertAsync(Submission submission, string storageSegment, string name, string category, string? region, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO ingest.projects (code, storage_segment, name, category, platform, region, metadata, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $8)
            ON CONFLICT (code) DO NOTHING
            """, conn, tx))
        {
            upsert.Parameters.Add(new() { Value = submission.ProjectCode });
            upsert.Parameters.Add(new() { Value = storageSegment });
            upsert.Parameters.Add(new() { Value = name });
            upsert.Parameters.Add(new() { Value = category });
            upsert.Parameters.Add(new() { Value = submission.Platform });
            upsert.Parameters.Add(new() { Value = (object?)region ?? DBNull.Value });
            upsert.Parameters.Add(new() { Value = submission.Metadata.ToJsonString() });
            upsert.Parameters.Add(new() { Value = submission.CreatedAt });
            await upsert.ExecuteNonQueryAsync(ct);
        }

        await using (var project = new NpgsqlCommand(
            """
            SELECT p.platform,
                   (SELECT s.id FROM ingest.submissions s WHERE s.project_code = p.code AND s.status IN ('open', 'sealing') LIMIT 1)
            FROM ingest.projects p WHERE p.code = $1 FOR UPDATE
            """, conn, tx))
        {
            project.Parameters.Add(new() { Value = submission.ProjectCode });
            await using var reader = await project.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (reader.GetString(0) != submission.Platform)
            {
                throw new IngestException(ErrorKind.Forbidden, "submission.other-platform", "该项目由其他交易平台归档，本平台无权提交。", "project.code");
            }

            if (!reader.IsDBNull(1))
            {
                throw new IngestException(ErrorKind.Conflict, "submission.in-progress",
                    $"该项目已有未完成的提交（{reader.GetGuid(1)}），请先封存或放弃该提交。", "project.code");
            }
        }

        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO ingest.submissions (id, project_code, platform, submitted_by, status, metadata, created_at)
            VALUES ($1, $2, $3, $4, 'open', $5::jsonb, $6)
            """, conn, tx))
        {
            insert.Parameters.Add(new() { Value = submission.Id });
            insert.Parameters.Add(new() { Value = submission.ProjectCode });
            insert.Parameters.Add(new() { Value = submission.Platform });
            insert.Parameters.Add(new() { Value = submission.SubmittedBy });
            insert.Parameters.Add(new() { Value = submission.Metadata.ToJsonString() });
            insert.Parameters.Add(new() { Value = submission.CreatedAt });
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>One submission, or null.</summary>
    public async Task<Submission?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await FindAsync(conn, null, id, forUpdate: false, ct);
    }

    /// <summary>One submission inside a transaction, optionally locked for update.</summary>
    public static async Task<Submission?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid id, bool forUpdate, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM ingest.submissions WHERE id = $1{(forUpdate ? " FOR UPDATE" : "")}", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        return new Submission(
            r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetGuid(3), r.GetString(4),
            JsonNode.Parse(r.GetString(5))!.AsObject(), r.GetFieldValue<Instant>(6),
            r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetFieldValue<Instant>(8),
            r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetInt64(10),
            JsonSerializer.Deserialize<List<ArchiveProblem>>(r.GetString(11)) ?? []);
    }

    /// <summary>The items of a submission, by path.</summary>
    public async Task<IReadOnlyList<SubmissionItem>> ItemsAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ItemsAsync(conn, null, id, ct);
    }

    /// <summary>The items of a submission, by path, inside a transaction.</summary>
    public static async Task<IReadOnlyList<SubmissionItem>> ItemsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT path, role, media_type, size, sha256, sm3, received_at, staging_key, recording::text FROM ingest.submission_items WHERE submission_id = $1 ORDER BY path COLLATE \"C\"",
            conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<SubmissionItem>();
        while (await r.ReadAsync(ct))
        {
            items.Add(new SubmissionItem(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5),
                r.GetFieldValue<Instant>(6), r.GetString(7)) { Recording = r.IsDBNull(8) ? null : RecordingMetadata.FromJson(r.GetString(8)) });
        }

        return items;
    }

    /// <summary>Replaces the metadata of an open submission.</summary>
    public async Task UpdateMetadataAsync(Guid id, JsonObject metadata, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE ingest.submissions SET metadata = $2::jsonb, problems = '[]' WHERE id = $1 AND status = 'open'");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = metadata.ToJsonString() });
        if (await cmd.ExecuteNonQueryAsync(ct) == 0)
        {
            throw new IngestException(ErrorKind.Conflict, "submission.not-open", "提交已封存或已关闭，不能再修改。");
        }
    }

    /// <summary>Records the problems found by a seal attempt (the submission stays open).</summary>
    public static async Task SaveProblemsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, IReadOnlyList<ArchiveProblem> problems, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE ingest.submissions SET problems = $2 WHERE id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(problems), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Moves an open submission to <c>sealing</c>.</summary>
    public static async Task MarkSealingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, Instant now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE ingest.submissions SET status = 'sealing', seal_requested_at = $2, problems = '[]' WHERE id = $1 AND status = 'open'", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts or replaces one item; returns the staging key of the item it replaced, if any.</summary>
    public static async Task<string?> UpsertItemAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, SubmissionItem item, CancellationToken ct)
    {
        string? replaced = null;
        await using (var old = new NpgsqlCommand("SELECT staging_key FROM ingest.submission_items WHERE submission_id = $1 AND path = $2", conn, tx))
        {
            old.Parameters.Add(new() { Value = id });
            old.Parameters.Add(new() { Value = item.Path });
            replaced = await old.ExecuteScalarAsync(ct) as string;
        }

        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO ingest.submission_items (submission_id, path, role, media_type, size, sha256, sm3, received_at, staging_key, recording)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
            ON CONFLICT (submission_id, path) DO UPDATE SET role = excluded.role, media_type = excluded.media_type, size = excluded.size,
                sha256 = excluded.sha256, sm3 = excluded.sm3, received_at = excluded.received_at, staging_key = excluded.staging_key,
                recording = excluded.recording
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = item.Path });
        cmd.Parameters.Add(new() { Value = item.Role });
        cmd.Parameters.Add(new() { Value = item.MediaType });
        cmd.Parameters.Add(new() { Value = item.Size });
        cmd.Parameters.Add(new() { Value = item.Sha256 });
        cmd.Parameters.Add(new() { Value = item.Sm3 });
        cmd.Parameters.Add(new() { Value = item.ReceivedAt });
        cmd.Parameters.Add(new() { Value = item.StagingKey });
        cmd.Parameters.Add(new() { Value = (object?)item.Recording?.ToJson().ToJsonString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
        return replaced;
    }

    /// <summary>The paths and roles of the latest archived version of a project (carried into a supplement).</summary>
    public static async Task<IReadOnlyList<(string Path, string Role)>> LatestVersionItemsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string projectCode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT vi.path, vi.role FROM ingest.version_items vi
            JOIN ingest.projects p ON p.code = vi.project_code AND p.latest_version = vi.version
            WHERE vi.project_code = $1
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<(string, string)>();
        while (await r.ReadAsync(ct))
        {
            items.Add((r.GetString(0), r.GetString(1)));
        }

        return items;
    }

    /// <summary>The project's storage segment and the version its next seal makes (latest archived + 1).</summary>
    public static async Task<(string StorageSegment, int Version)> NextVersionAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, string projectCode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT storage_segment, latest_version + 1 FROM ingest.projects WHERE code = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetString(0), r.GetInt32(1));
    }
}
