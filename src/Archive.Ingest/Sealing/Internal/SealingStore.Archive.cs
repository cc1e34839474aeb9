using Archive.Ingest.Retention;
using Archive.Ingest.Submissions;
using Archive.Integrity.Manifests;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Sealing.Internal;

internal sealed partial class SealingStore
{
    /// <summary>
    /// In one transaction: the version and its items, the project's latest version, the submission archived.
    /// Returns false when the submission was archived already (by a concurrent or earlier run) or is no longer sealing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The project's latest version is not n−1: the chain would break.</exception>
    public async Task<bool> ArchiveAsync(SealingPlan plan, long ledgerIndex, Instant now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await SubmissionStore.FindAsync(conn, tx, plan.Submission.Id, forUpdate: true, ct);
        if (current is not { Status: SubmissionStatus.Sealing } || current.Version != plan.Version)
        {
            return false;
        }

        await using (var project = new NpgsqlCommand("SELECT latest_version FROM ingest.projects WHERE code = $1 FOR UPDATE", conn, tx))
        {
            project.Parameters.Add(new() { Value = plan.ProjectCode });
            var latest = (int)(await project.ExecuteScalarAsync(ct))!;
            if (latest != plan.Version - 1)
            {
                throw new InvalidOperationException(
                    $"Project {plan.ProjectCode} is at version {latest}; submission {plan.Submission.Id} seals version {plan.Version}.");
            }
        }

        var manifest = plan.Manifest;
        await using (var version = new NpgsqlCommand(
            """
            INSERT INTO ingest.versions (project_code, version, submission_id, manifest, manifest_sha256, previous_sha256, sealed_at,
                                         retain_until, ledger_index, online_state, offline_state, archived_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'confirmed', 'confirmed', $10)
            """, conn, tx))
        {
            version.Parameters.Add(new() { Value = plan.ProjectCode });
            version.Parameters.Add(new() { Value = plan.Version });
            version.Parameters.Add(new() { Value = plan.Submission.Id });
            version.Parameters.Add(new() { Value = plan.ManifestBytes });
            version.Parameters.Add(new() { Value = plan.ManifestSha256 });
            version.Parameters.Add(new() { Value = (object?)manifest.Previous ?? DBNull.Value });
            version.Parameters.Add(new() { Value = plan.SealedAt });
            version.Parameters.Add(new() { Value = manifest.Retention.Until is { } until ? until : DBNull.Value });
            version.Parameters.Add(new() { Value = ledgerIndex });
            version.Parameters.Add(new() { Value = now });
            await version.ExecuteNonQueryAsync(ct);
        }

        await InsertItemsAsync(conn, tx, plan, manifest.Items, ct);

        await using (var project = new NpgsqlCommand(
            """
            UPDATE ingest.projects SET latest_version = $2, name = $3, category = $4, metadata = $5::jsonb, updated_at = $6
            WHERE code = $1
            """, conn, tx))
        {
            project.Parameters.Add(new() { Value = plan.ProjectCode });
            project.Parameters.Add(new() { Value = plan.Version });
            project.Parameters.Add(new() { Value = manifest.Project.Name });
            project.Parameters.Add(new() { Value = manifest.Project.Category });
            project.Parameters.Add(new() { Value = plan.Submission.Metadata.ToJsonString() });
            project.Parameters.Add(new() { Value = now });
            await project.ExecuteNonQueryAsync(ct);
        }

        await using (var submission = new NpgsqlCommand(
            """
            UPDATE ingest.submissions SET status = 'archived', manifest_sha256 = $2, ledger_index = $3, archived_at = $4, problems = '[]'
            WHERE id = $1
            """, conn, tx))
        {
            submission.Parameters.Add(new() { Value = plan.Submission.Id });
            submission.Parameters.Add(new() { Value = plan.ManifestSha256 });
            submission.Parameters.Add(new() { Value = ledgerIndex });
            submission.Parameters.Add(new() { Value = now });
            await submission.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task InsertItemsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, SealingPlan plan, IReadOnlyList<ManifestItem> items, CancellationToken ct)
    {
        // One statement over arrays: a package may hold 100 000 items.
        await using var cmd = new NpgsqlCommand(
            """
            INSERT INTO ingest.version_items (project_code, version, path, role, media_type, size, sha256, sm3, object_key, retain_until)
            SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[]::date[])
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = plan.ProjectCode });
        cmd.Parameters.Add(new() { Value = plan.Version });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.Path).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.Role).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.MediaType).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.Size).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.Sha256).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => i.Sm3).ToArray() });
        cmd.Parameters.Add(new() { Value = items.Select(i => ArchiveKeys.ContentObject(i.Sha256)).ToArray() });
        cmd.Parameters.Add(new() { Value = ItemRetentionDates.Of(items) });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
