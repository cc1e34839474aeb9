using NodaTime;
using Npgsql;

namespace Archive.Ingest.FullText.Internal;

/// <summary>The SQL of <c>ingest.item_texts</c>: what is pending, reuse by digest, and recording.</summary>
internal sealed class ItemTextStore(NpgsqlDataSource dataSource)
{
    /// <summary>PDF items of sealed, not disposed versions without a text row.</summary>
    public async Task<IReadOnlyList<PendingPdf>> PendingAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT i.project_code, i.version, i.path, i.size, i.sha256, i.sm3, i.object_key, p.storage_segment
            FROM ingest.version_items i
            JOIN ingest.versions v ON v.project_code = i.project_code AND v.version = i.version
            JOIN ingest.projects p ON p.code = i.project_code
            WHERE lower(i.media_type) LIKE 'application/pdf%'
              AND NOT EXISTS (SELECT 1 FROM ingest.item_texts t
                              WHERE t.project_code = i.project_code AND t.version = i.version AND t.path = i.path)
              AND NOT EXISTS (SELECT 1 FROM ingest.disposed_versions d WHERE d.project_code = i.project_code AND d.version = i.version)
              AND NOT EXISTS (SELECT 1 FROM ingest.disposed_items d WHERE d.project_code = i.project_code AND d.version = i.version AND d.path = i.path)
            ORDER BY i.project_code COLLATE "C", i.version, i.path COLLATE "C"
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var pending = new List<PendingPdf>();
        while (await r.ReadAsync(ct))
        {
            pending.Add(new PendingPdf(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)));
        }

        return pending;
    }

    /// <summary>Copies the text already recorded for the same bytes (an item carried into a later version); false when none.</summary>
    public async Task<bool> ReuseAsync(PendingPdf item, Instant now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            INSERT INTO ingest.item_texts (project_code, version, path, sha256, status, text, pages, truncated, problem, extracted_at)
            SELECT $1, $2, $3, t.sha256, t.status, t.text, t.pages, t.truncated, t.problem, $4
            FROM ingest.item_texts t WHERE t.sha256 = $5 AND t.status <> 'failed'
            ORDER BY t.extracted_at LIMIT 1
            ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = item.ProjectCode });
        cmd.Parameters.Add(new() { Value = item.Version });
        cmd.Parameters.Add(new() { Value = item.Path });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = item.Sha256 });
        if (await cmd.ExecuteNonQueryAsync(ct) > 0)
        {
            return true;
        }

        // Nothing copied: either no earlier text, or a concurrent run recorded this very row first.
        await using var exists = dataSource.CreateCommand(
            "SELECT 1 FROM ingest.item_texts WHERE project_code = $1 AND version = $2 AND path = $3");
        exists.Parameters.Add(new() { Value = item.ProjectCode });
        exists.Parameters.Add(new() { Value = item.Version });
        exists.Parameters.Add(new() { Value = item.Path });
        return await exists.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Records the extraction's outcome once (a concurrent run's row wins).</summary>
    public async Task RecordAsync(PendingPdf item, ExtractedText text, Instant now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            INSERT INTO ingest.item_texts (project_code, version, path, sha256, status, text, pages, truncated, problem, extracted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = item.ProjectCode });
        cmd.Parameters.Add(new() { Value = item.Version });
        cmd.Parameters.Add(new() { Value = item.Path });
        cmd.Parameters.Add(new() { Value = item.Sha256 });
        cmd.Parameters.Add(new() { Value = text.Status });
        cmd.Parameters.Add(new() { Value = text.Text });
        cmd.Parameters.Add(new() { Value = text.Status is FullTextStatus.TooLarge ? DBNull.Value : text.Pages, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        cmd.Parameters.Add(new() { Value = text.Truncated });
        cmd.Parameters.Add(new() { Value = (object?)text.Problem ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
