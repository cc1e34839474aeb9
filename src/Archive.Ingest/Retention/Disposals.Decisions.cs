using System.Text.Json.Nodes;
using Archive.Core.Errors;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Ingest.Retention;

public sealed partial class Disposals
{
    /// <summary>Decision value: keep, with a new end of retention.</summary>
    public const string Keep = "keep";

    /// <summary>Decision value: dispose.</summary>
    public const string Dispose = "dispose";

    /// <summary>Records one approver's appraisal decision (<c>appraisal.decided</c>) and settles the appraisal when it can.</summary>
    /// <param name="actor">An approver who did not propose the disposal and has not decided it yet.</param>
    /// <param name="disposalId">The disposal.</param>
    /// <param name="decision"><see cref="Keep"/> or <see cref="Dispose"/>.</param>
    /// <param name="comment">The comment; required to keep.</param>
    /// <param name="extendUntil">With keep: the new end of retention, after today.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The disposal after the decision.</returns>
    /// <exception cref="RetentionException">Bad input (400), not an approver or the proposer (403), unknown (404), decided already (409).</exception>
    public async Task<Disposal> DecideAsync(RetentionActor actor, Guid disposalId, string? decision, string? comment, LocalDate? extendUntil, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (decision is not (Keep or Dispose))
        {
            throw new RetentionException(ErrorKind.Invalid, "appraisal.decision", "decision 须为 keep（继续保存）或 dispose（销毁）。", "decision");
        }

        if (comment is { Length: > LegalHolds.MaxReasonLength })
        {
            throw new RetentionException(ErrorKind.Invalid, "retention.field-length", $"鉴定意见最长 {LegalHolds.MaxReasonLength} 个字符。", "comment");
        }

        var today = RetentionQueries.Today(clock);
        if (decision == Keep && (comment is null || extendUntil is null || extendUntil <= today))
        {
            throw new RetentionException(ErrorKind.Invalid, "appraisal.keep-needs-date", "继续保存须填写鉴定意见（comment）和晚于今天的新保管期限（extendUntil）。", "extendUntil");
        }

        if (decision == Dispose && extendUntil is not null)
        {
            throw new RetentionException(ErrorKind.Invalid, "appraisal.dispose-no-date", "销毁意见不带新保管期限（extendUntil）。", "extendUntil");
        }

        if (actor.Role != "approver")
        {
            throw new RetentionException(ErrorKind.Forbidden, "appraisal.approver-role", "只有审批人（鉴定小组成员）可以作出鉴定意见。");
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var disposal = await DisposalStore.GetAsync(conn, tx, disposalId, forUpdate: true, ct)
            ?? throw new RetentionException(ErrorKind.NotFound, "disposal.not-found", "没有该销毁鉴定。");
        if (disposal.ProposedById == actor.Id)
        {
            throw new RetentionException(ErrorKind.Forbidden, "appraisal.self-decision", "提出销毁的人不能参加该项鉴定。");
        }

        if (disposal.Status != DisposalStore.Appraising)
        {
            throw new RetentionException(ErrorKind.Conflict, "appraisal.already-decided", "该销毁鉴定已有结论，不能再作鉴定意见。");
        }

        if (disposal.Decisions.Any(d => d.ApproverId == actor.Id))
        {
            throw new RetentionException(ErrorKind.Conflict, "appraisal.same-approver", "同一审批人不能对同一鉴定重复作出意见。");
        }

        var disposeVotes = disposal.Decisions.Count(d => d.Decision == Dispose) + (decision == Dispose ? 1 : 0);
        var outcome = decision == Keep ? DisposalStore.Kept : disposeVotes >= GroupSize ? DisposalStore.Disposing : DisposalStore.Appraising;
        var now = clock.GetCurrentInstant();
        var fields = new JsonObject
        {
            ["disposal"] = disposal.Id.ToString(),
            ["proposalEntry"] = disposal.ProposedEntry,
            ["projects"] = new JsonArray(disposal.Projects.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["approver"] = actor.Id.ToString(),
            ["approverName"] = actor.Name,
            ["decision"] = decision,
            ["comment"] = comment,
            ["extendUntil"] = extendUntil is { } d ? LocalDatePattern.Iso.Format(d) : null,
            ["groupSize"] = GroupSize,
            ["outcome"] = outcome,
        };
        AddItems(fields, disposal.Items);
        var entry = await ledger.AppendInTransactionAsync(conn, tx, RetentionEntries.AppraisalDecided, fields, null, ct);
        var commentValue = new NpgsqlParameter { Value = (object?)comment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
        var untilValue = new NpgsqlParameter { Value = (object?)extendUntil ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date };
        await RetentionQueries.ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.disposal_decisions (disposal_id, approver_id, approver_name, decision, comment, extend_until, decided_at, ledger_index)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, ct, disposal.Id, actor.Id, actor.Name, decision, commentValue, untilValue, now, entry.Index);
        await RetentionQueries.ExecuteAsync(conn, tx, "UPDATE ingest.disposals SET status = $2, completed_at = $3 WHERE id = $1", ct,
            disposal.Id, outcome, new NpgsqlParameter { Value = outcome == DisposalStore.Kept ? now : (object)DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        if (outcome == DisposalStore.Kept)
        {
            await RetentionQueries.ExecuteAsync(conn, tx,
                """
                INSERT INTO ingest.retention_extensions (project_code, retain_until, reason, disposal_id, extended_at)
                SELECT project_code, $2, $3, $1, $4 FROM ingest.disposal_projects WHERE disposal_id = $1
                """, ct, disposal.Id, extendUntil!.Value, comment!, now);
            await RetentionQueries.ExecuteAsync(conn, tx,
                """
                INSERT INTO ingest.item_retention_extensions (project_code, version, path, retain_until, reason, disposal_id, extended_at)
                SELECT project_code, version, path, $2, $3, $1, $4 FROM ingest.disposal_items WHERE disposal_id = $1
                """, ct, disposal.Id, extendUntil!.Value, comment!, now);
        }

        await tx.CommitAsync(ct);
        if (outcome == DisposalStore.Disposing)
        {
            scheduler.Schedule(disposal.Id);
        }

        return await DisposalStore.GetAsync(conn, null, disposal.Id, false, CancellationToken.None)
            ?? throw new InvalidOperationException("The disposal disappeared.");
    }
}
