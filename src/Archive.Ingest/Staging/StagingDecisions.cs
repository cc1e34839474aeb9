using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Hosting;
using Archive.Ingest.Staging.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Staging;

/// <summary>
/// Handed-over bytes never vanish silently (暂存处置): submissions idle past the staging limit, or rejected without a
/// decision, are listed for archivists, who seal them with gaps or discard them. A discard is ledgered
/// (<c>submission.discarded</c>, with the path, size, SHA-256 and SM3 of every item) before the bytes are deleted.
/// </summary>
public sealed class StagingDecisions(NpgsqlDataSource dataSource, IngestStores stores, IngestOptions options, ILedger ledger, IClock clock)
{
    /// <summary>Ledger entry type of a discard.</summary>
    public const string Discarded = "submission.discarded";

    /// <summary>Submissions waiting for a decision, by last activity (see <see cref="ExpiredSubmission"/>).</summary>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<ExpiredSubmission>> ListExpiredAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            SELECT s.id, s.project_code, s.platform, s.status, s.created_at, {StagingStore.LastActivity},
                   (SELECT count(*)::int FROM ingest.submission_items i WHERE i.submission_id = s.id),
                   (SELECT coalesce(sum(i.size), 0)::bigint FROM ingest.submission_items i WHERE i.submission_id = s.id)
            FROM ingest.submissions s WHERE {StagingStore.AwaitingDecision}
            ORDER BY 6, s.id
            """);
        cmd.Parameters.Add(new() { Value = Cutoff() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var expired = new List<ExpiredSubmission>();
        while (await r.ReadAsync(ct))
        {
            expired.Add(new ExpiredSubmission(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<Instant>(4),
                r.GetFieldValue<Instant>(5), r.GetInt32(6), r.GetInt64(7)));
        }

        return expired;
    }

    /// <summary>Discards a submission waiting for a decision: ledgered with every item's digests, then its staged bytes deleted.</summary>
    /// <param name="id">The submission.</param>
    /// <param name="archivist">The deciding archivist.</param>
    /// <param name="reason">Why (recorded in the entry).</param>
    /// <param name="ct">Cancels the work.</param>
    /// <returns>The index of the <c>submission.discarded</c> entry.</returns>
    /// <exception cref="IngestException">No reason (400 <c>submission.discard-reason</c>), not found (404), or not waiting for a
    /// decision (409 <c>submission.not-expired</c>). A refusal changes nothing.</exception>
    public async Task<long> DiscardAsync(Guid id, Guid archivist, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000)
        {
            throw new IngestException(ErrorKind.Invalid, "submission.discard-reason", "放弃提交须写明理由（reason，不超过 2000 字）。", "reason");
        }

        IReadOnlyList<SubmissionItem> items;
        long index;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var submission = await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct)
                ?? throw new IngestException(ErrorKind.NotFound, "submission.not-found", "提交不存在。");
            await using (var check = new NpgsqlCommand($"SELECT 1 FROM ingest.submissions s WHERE s.id = $2 AND {StagingStore.AwaitingDecision}", conn, tx))
            {
                check.Parameters.Add(new() { Value = Cutoff() });
                check.Parameters.Add(new() { Value = id });
                if (await check.ExecuteScalarAsync(ct) is null)
                {
                    throw new IngestException(ErrorKind.Conflict, "submission.not-expired",
                        $"只能放弃超过 {Days()} 天无活动的提交或被拒绝且尚未处理的提交（当前状态 {submission.Status}）。");
                }
            }

            items = await SubmissionStore.ItemsAsync(conn, tx, id, ct);
            var problem = new ArchiveProblem(Discarded, null, $"档案管理员已放弃该提交（{reason.Trim()}），暂存内容已登记摘要后删除。");
            await using (var update = new NpgsqlCommand(
                "UPDATE ingest.submissions SET status = 'rejected', staging_discarded_at = $2, problems = $3 WHERE id = $1", conn, tx))
            {
                update.Parameters.Add(new() { Value = id });
                update.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
                update.Parameters.Add(new() { Value = JsonSerializer.Serialize(new[] { problem }), NpgsqlDbType = NpgsqlDbType.Jsonb });
                await update.ExecuteNonQueryAsync(ct);
            }

            var entry = await ledger.AppendInTransactionAsync(conn, tx, Discarded, Fields(submission, archivist, reason.Trim(), items), null, ct);
            index = entry.Index;
            await tx.CommitAsync(ct);
        }

        // After the commit: the decision is on record. Were this to fail, the cleanup job deletes the bytes later.
        await StagingPurger.PurgeAsync(dataSource, stores.Online, id, items.Select(i => i.StagingKey), clock, ct);
        return index;
    }

    private Instant Cutoff() => clock.GetCurrentInstant() - Duration.FromTimeSpan(options.StagingMaxAge);

    private int Days() => (int)Math.Round(options.StagingMaxAge.TotalDays);

    private static JsonObject Fields(Submission submission, Guid archivist, string reason, IReadOnlyList<SubmissionItem> items) => new()
    {
        ["submission"] = submission.Id.ToString(),
        ["project"] = submission.ProjectCode,
        ["platform"] = submission.Platform,
        ["by"] = archivist.ToString(),
        ["reason"] = reason,
        ["itemCount"] = items.Count,
        ["totalBytes"] = items.Sum(i => i.Size),
        ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
        {
            ["path"] = i.Path,
            ["role"] = i.Role,
            ["size"] = i.Size,
            ["sha256"] = i.Sha256,
            ["sm3"] = i.Sm3,
        }).ToArray()),
    };
}
