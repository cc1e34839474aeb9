using System.Text.Json.Nodes;
using Archive.Ingest.Retention;
using Archive.Ingest.Sealing;
using Archive.Integrity.Manifests;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Rebuild;

/// <summary>The catalogue rows of one rebuilt version, written in one transaction.</summary>
internal static class CatalogueRebuildStore
{
    /// <summary>
    /// The project (created on its first version, moved on to later ones), an archived submission, the version and its
    /// items. False when the version exists already. The submitter is unknown after a rebuild (the principals are not
    /// in the offline copy): the nil UUID stands for it. In the same transaction, the items the version's
    /// <c>scope: items</c> tombstones name are recorded as disposed, with the finished disposal each names, so reads answer
    /// 410 naming the tombstone again.
    /// </summary>
    public static async Task<bool> InsertVersionAsync(
        NpgsqlDataSource dataSource, SealedEntry entry, string segment, Manifest manifest, byte[] manifestBytes, JsonObject metadata,
        bool onlineComplete, IReadOnlyList<DisposedEntry> itemTombstones, Func<DisposedEntry, Instant> proposedAt, Instant now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var metadataText = metadata.ToJsonString();
        await ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.projects (code, storage_segment, name, category, platform, region, metadata, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $8)
            ON CONFLICT (code) DO NOTHING
            """,
            ct, entry.Project, segment, manifest.Project.Name, manifest.Project.Category, entry.Platform,
            manifest.Project.Extra["region"]?.GetValue<string>(), metadataText, manifest.SealedAt);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM ingest.versions WHERE project_code = $1 AND version = $2", conn, tx))
        {
            exists.Parameters.Add(new() { Value = entry.Project });
            exists.Parameters.Add(new() { Value = entry.Version });
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return false;
            }
        }

        await ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.submissions (id, project_code, platform, submitted_by, status, metadata, created_at, seal_requested_at, version,
                                            sealed_at, manifest_sha256, ledger_index, archived_at, staging_cleared_at)
            VALUES ($1, $2, $3, '00000000-0000-0000-0000-000000000000', 'archived', $4::jsonb, $5, $5, $6, $5, $7, $8, $9, $9)
            """,
            ct, entry.Submission, entry.Project, entry.Platform, metadataText, manifest.SealedAt, entry.Version, entry.ManifestSha256, entry.Index, now);

        await ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.versions (project_code, version, submission_id, manifest, manifest_sha256, previous_sha256, sealed_at,
                                         retain_until, ledger_index, online_state, offline_state, archived_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'confirmed', $11)
            """,
            ct, entry.Project, entry.Version, entry.Submission, manifestBytes, entry.ManifestSha256, manifest.Previous, manifest.SealedAt,
            manifest.Retention.Until, entry.Index, onlineComplete ? "confirmed" : "damaged", now);

        var items = manifest.Items;
        await ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.version_items (project_code, version, path, role, media_type, size, sha256, sm3, object_key, retain_until)
            SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[]::date[])
            """,
            ct, entry.Project, entry.Version, items.Select(i => i.Path).ToArray(), items.Select(i => i.Role).ToArray(),
            items.Select(i => i.MediaType).ToArray(), items.Select(i => i.Size).ToArray(), items.Select(i => i.Sha256).ToArray(),
            items.Select(i => i.Sm3).ToArray(), items.Select(i => ArchiveKeys.ContentObject(i.Sha256)).ToArray(), ItemRetentionDates.Of(items));

        await ExecuteAsync(conn, tx,
            """
            UPDATE ingest.projects SET latest_version = $2, name = $3, category = $4, metadata = $5::jsonb, updated_at = $6
            WHERE code = $1 AND latest_version < $2
            """,
            ct, entry.Project, entry.Version, manifest.Project.Name, manifest.Project.Category, metadataText, manifest.SealedAt);
        foreach (var tombstone in itemTombstones)
        {
            await InsertDisposedItemsAsync(conn, tx, tombstone, proposedAt(tombstone), ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    // The finished disposal (its decisions stay in the ledger only) and the items it disposed of.
    private static async Task InsertDisposedItemsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DisposedEntry tombstone, Instant proposedAt, CancellationToken ct)
    {
        await ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.disposals (id, status, reason, proposed_by, proposed_by_name, proposed_at, proposed_entry, completed_at)
            VALUES ($1, 'disposed', $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING
            """,
            ct, tombstone.Disposal, tombstone.Reason, tombstone.ProposedBy, tombstone.ProposedByName, proposedAt, tombstone.ProposalEntry, tombstone.At);
        var paths = tombstone.Paths.ToArray();
        await ExecuteAsync(conn, tx,
            "INSERT INTO ingest.disposal_items (disposal_id, project_code, version, path) SELECT $1, $2, $3, unnest($4::text[]) ON CONFLICT DO NOTHING",
            ct, tombstone.Disposal, tombstone.Project, tombstone.Version, paths);
        await ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.disposed_items (project_code, version, path, disposal_id, tombstone_entry, disposed_at)
            SELECT $1, $2, unnest($3::text[]), $4, $5, $6 ON CONFLICT DO NOTHING
            """,
            ct, tombstone.Project, tombstone.Version, paths, tombstone.Disposal, tombstone.Index, tombstone.At);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, conn, tx);
        foreach (var value in values)
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value } : new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
