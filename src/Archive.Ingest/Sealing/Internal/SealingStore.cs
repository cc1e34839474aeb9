using System.Text.Json;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>The sealing job's SQL. Each state change runs in one transaction; rows are locked submission first, then project.</summary>
internal sealed partial class SealingStore(NpgsqlDataSource dataSource)
{
    /// <summary>Fixes version and seal time once (never reassigned); returns the submission as it now is, or null.</summary>
    public async Task<Submission?> FixVersionAsync(Guid id, Instant now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var submission = await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct);
        if (submission is null || submission.Status != SubmissionStatus.Sealing)
        {
            return submission;
        }

        await using (var touch = new NpgsqlCommand("UPDATE ingest.submissions SET seal_attempted_at = $2 WHERE id = $1", conn, tx))
        {
            touch.Parameters.Add(new() { Value = id });
            touch.Parameters.Add(new() { Value = now });
            await touch.ExecuteNonQueryAsync(ct);
        }

        if (submission.Version is null)
        {
            await using var project = new NpgsqlCommand("SELECT latest_version FROM ingest.projects WHERE code = $1 FOR UPDATE", conn, tx);
            project.Parameters.Add(new() { Value = submission.ProjectCode });
            var latest = (int)(await project.ExecuteScalarAsync(ct))!;
            var sealedAt = Instant.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
            await using var fix = new NpgsqlCommand("UPDATE ingest.submissions SET version = $2, sealed_at = $3 WHERE id = $1", conn, tx);
            fix.Parameters.Add(new() { Value = id });
            fix.Parameters.Add(new() { Value = latest + 1 });
            fix.Parameters.Add(new() { Value = sealedAt });
            await fix.ExecuteNonQueryAsync(ct);
            submission = submission with { Version = latest + 1, SealedAt = sealedAt };
        }

        await tx.CommitAsync(ct);
        return submission;
    }

    /// <summary>The submission (status 'sealing', version fixed) with its items, segment and version n−1's manifest; null otherwise.</summary>
    public async Task<SealingInputs?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var submission = await SubmissionStore.FindAsync(conn, null, id, forUpdate: false, ct);
        if (submission is not { Status: SubmissionStatus.Sealing, Version: { } version })
        {
            return null;
        }

        var items = await SubmissionStore.ItemsAsync(conn, null, id, ct);
        await using var cmd = new NpgsqlCommand(
            """
            SELECT p.storage_segment, s.seal_checkpoint_size,
                   (SELECT v.manifest FROM ingest.versions v WHERE v.project_code = p.code AND v.version = $2),
                   (SELECT c.record FROM ingest.seal_check_records c WHERE c.submission_id = s.id)
            FROM ingest.submissions s JOIN ingest.projects p ON p.code = s.project_code WHERE s.id = $1
            """, conn);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = version - 1 });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var inputs = new SealingInputs(submission, items, r.GetString(0), r.IsDBNull(2) ? null : r.GetFieldValue<byte[]>(2), r.IsDBNull(1) ? null : r.GetInt64(1),
            r.IsDBNull(3) ? null : r.GetFieldValue<byte[]>(3));
        await r.DisposeAsync();
        return inputs with { Gaps = await Submissions.SubmissionGaps.ListAsync(conn, null, id, ct) };
    }

    /// <summary>Records the checkpoint size the bag's proofs use, unless one was recorded before; returns the recorded size.</summary>
    public async Task<long> FixCheckpointSizeAsync(Guid id, long size, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE ingest.submissions SET seal_checkpoint_size = COALESCE(seal_checkpoint_size, $2) WHERE id = $1 RETURNING seal_checkpoint_size");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = size });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The SHA-512 recorded for content with this SHA-256 and size, or null.</summary>
    public async Task<string?> FindSha512Async(string sha256, long size, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT sha512 FROM ingest.content_digests WHERE sha256 = $1 AND size = $2");
        cmd.Parameters.Add(new() { Value = sha256 });
        cmd.Parameters.Add(new() { Value = size });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task SaveSha512Async(string sha256, long size, string sha512, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO ingest.content_digests (sha256, size, sha512) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING");
        cmd.Parameters.Add(new() { Value = sha256 });
        cmd.Parameters.Add(new() { Value = size });
        cmd.Parameters.Add(new() { Value = sha512 });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rejects a submission that could not be sealed: its version is released, the problem recorded.</summary>
    public async Task RejectAsync(Guid id, ArchiveProblem problem, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            UPDATE ingest.submissions SET status = 'rejected', version = NULL, sealed_at = NULL, seal_checkpoint_size = NULL, problems = $2
            WHERE id = $1 AND status = 'sealing'
            """);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(new[] { problem }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records a problem on a submission left in 'sealing' for an operator (the recovery job leaves it alone).</summary>
    public async Task RecordProblemAsync(Guid id, ArchiveProblem problem, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE ingest.submissions SET problems = $2 WHERE id = $1 AND status = 'sealing'");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(new[] { problem }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task MarkStagingClearedAsync(Guid id, Instant now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE ingest.submissions SET staging_cleared_at = $2 WHERE id = $1 AND staging_cleared_at IS NULL");
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Submissions in 'sealing' without a recorded problem whose last job started before <paramref name="cutoff"/>.</summary>
    public async Task<IReadOnlyList<Guid>> FindStuckAsync(Instant cutoff, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT id FROM ingest.submissions
            WHERE status = 'sealing' AND problems = '[]'::jsonb AND COALESCE(seal_attempted_at, seal_requested_at, created_at) < $1
            ORDER BY seal_requested_at LIMIT $2
            """);
        cmd.Parameters.Add(new() { Value = cutoff });
        cmd.Parameters.Add(new() { Value = limit });
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }
}
