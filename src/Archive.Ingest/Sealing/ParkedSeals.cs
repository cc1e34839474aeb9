using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Sealing;

/// <summary>
/// The way out of a parked seal (<see cref="SealingOutcome.NeedsOperator"/>): archivists list parked seals, retry one
/// (the problem is cleared and the sealing job scheduled again) or abandon it (the submission is rejected, its version
/// released, its staged bytes held until an archivist releases them). Each decision is a ledger entry committed with
/// the state change.
/// </summary>
public sealed class ParkedSeals(NpgsqlDataSource dataSource, ILedger ledger, ISealingScheduler scheduler)
{
    /// <summary>Ledger entry type of a retry.</summary>
    public const string Retried = "seal.retried";

    /// <summary>Ledger entry type of an abandonment.</summary>
    public const string Abandoned = "seal.abandoned";

    /// <summary>Ledger entry type of releasing an abandoned seal's staged bytes.</summary>
    public const string StagingReleased = "seal.staging-released";

    /// <summary>Every parked seal, oldest request first.</summary>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<ParkedSeal>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT id, project_code, platform, version, seal_requested_at, problems::text FROM ingest.submissions
            WHERE status = 'sealing' AND problems <> '[]'::jsonb ORDER BY seal_requested_at, id
            """);
        var parked = new List<ParkedSeal>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            parked.Add(new ParkedSeal(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<Instant>(4), JsonSerializer.Deserialize<List<ArchiveProblem>>(r.GetString(5)) ?? []));
        }

        return parked;
    }

    /// <summary>Clears a parked seal's problem and schedules the sealing job again; returns the ledger index.</summary>
    /// <param name="id">The submission.</param>
    /// <param name="archivist">The deciding archivist.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="IngestException">Not found, not parked (409 <c>seal.not-parked</c>), or a sealing run holds it (409 <c>seal.busy</c>).</exception>
    public async Task<long> RetryAsync(Guid id, Guid archivist, CancellationToken ct)
    {
        var index = await DecideAsync(id, Retried, archivist, null, ct);
        scheduler.ScheduleSealing(id);
        return index;
    }

    /// <summary>Abandons a parked seal: rejected, version released, staged bytes held; returns the ledger index.</summary>
    /// <param name="id">The submission.</param>
    /// <param name="archivist">The deciding archivist.</param>
    /// <param name="reason">Why (recorded in the ledger entry).</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="IngestException">As for <see cref="RetryAsync"/>, no reason (400 <c>seal.reason</c>), or a seal whose
    /// <c>package.sealed</c> entry is already in the ledger (409 <c>seal.already-ledgered</c>: only a retry completes it).</exception>
    public Task<long> AbandonAsync(Guid id, Guid archivist, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new IngestException(ErrorKind.Invalid, "seal.reason", "放弃封存须说明理由（reason）。", "reason");
        }

        return DecideAsync(id, Abandoned, archivist, reason.Trim(), ct);
    }

    /// <summary>Releases the held staged bytes of an abandoned seal to the cleanup job; returns the ledger index.</summary>
    /// <param name="id">The submission.</param>
    /// <param name="archivist">The deciding archivist.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="IngestException">Not found, or its staged bytes are not held (409 <c>seal.staging-not-held</c>).</exception>
    public async Task<long> ReleaseStagingAsync(Guid id, Guid archivist, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var submission = await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct)
            ?? throw new IngestException(ErrorKind.NotFound, "submission.not-found", "提交不存在。");
        await using (var cmd = new NpgsqlCommand("UPDATE ingest.submissions SET staging_held = false, staging_released_at = now() WHERE id = $1 AND staging_held", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                throw new IngestException(ErrorKind.Conflict, "seal.staging-not-held", "该提交没有被保留的暂存内容。");
            }
        }

        var entry = await ledger.AppendInTransactionAsync(conn, tx, StagingReleased, Fields(submission, archivist, null), null, ct);
        await tx.CommitAsync(ct);
        return entry.Index;
    }

    private async Task<long> DecideAsync(Guid id, string type, Guid archivist, string? reason, CancellationToken ct)
    {
        // A sealing run in progress owns the submission; deciding under it would race its writes.
        await using var running = await SealingLock.TryAcquireAsync(dataSource, id, ct)
            ?? throw new IngestException(ErrorKind.Conflict, "seal.busy", "该提交正在封存中，请稍后再试。");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var submission = await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct)
            ?? throw new IngestException(ErrorKind.NotFound, "submission.not-found", "提交不存在。");
        if (submission.Status != SubmissionStatus.Sealing || submission.Problems.Count == 0)
        {
            throw new IngestException(ErrorKind.Conflict, "seal.not-parked", $"该提交不是待处理的封存（当前状态 {submission.Status}），无需重试或放弃。");
        }

        if (type == Abandoned && await SealedEntryAsync(conn, tx, id, ct) is { } sealedAt)
        {
            // The version is already in the ledger: releasing its number would let another seal claim it again.
            throw new IngestException(ErrorKind.Conflict, "seal.already-ledgered",
                $"该版本的封存已记入账本（条目 {sealedAt}），不能放弃，只能重试以完成封存。");
        }

        // A retry clears the problem (so the recovery job looks after the run again); an abandonment rejects the
        // submission and releases its version like a rejected seal, but holds its staged bytes.
        var sql = type == Abandoned
            ? """
              UPDATE ingest.submissions SET status = 'rejected', version = NULL, sealed_at = NULL, seal_checkpoint_size = NULL,
                  staging_held = true, problems = $2
              WHERE id = $1
              """
            : "UPDATE ingest.submissions SET problems = $2, seal_attempted_at = NULL WHERE id = $1";
        var problems = type == Abandoned
            ? submission.Problems.Prepend(new ArchiveProblem("seal.abandoned", null, $"封存已由档案管理员放弃（{reason}），暂存内容保留待处理。")).ToList()
            : [];
        await using (var cmd = new NpgsqlCommand(sql, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(problems), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var entry = await ledger.AppendInTransactionAsync(conn, tx, type, Fields(submission, archivist, reason), null, ct);
        await tx.CommitAsync(ct);
        return entry.Index;
    }

    private static async Task<long?> SealedEntryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT index FROM ledger.entries WHERE idempotency_key = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = SealingJob.LedgerIdempotencyKey(id) });
        return await cmd.ExecuteScalarAsync(ct) as long?;
    }

    private static JsonObject Fields(Submission submission, Guid archivist, string? reason)
    {
        var problems = new JsonArray();
        foreach (var problem in submission.Problems)
        {
            problems.Add(problem.Code);
        }

        var fields = new JsonObject
        {
            ["submission"] = submission.Id.ToString(),
            ["project"] = submission.ProjectCode,
            ["platform"] = submission.Platform,
            ["version"] = submission.Version,
            ["problems"] = problems,
            ["by"] = archivist.ToString(),
        };
        if (reason is not null)
        {
            fields["reason"] = reason;
        }

        return fields;
    }
}
