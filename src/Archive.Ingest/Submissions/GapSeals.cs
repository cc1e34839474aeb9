using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.FourProperties;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using Archive.Integrity.Ledger;
using Archive.Integrity.Manifests;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Submissions;

/// <summary>
/// Seal with recorded gaps (缺件归档): an archivist seals an open, incomplete submission, giving a written reason for
/// every missing required item. Every other check still applies. The reasons go into the manifest's <c>gaps</c> and the
/// <c>package.sealed</c> entry; <c>seal.gaps-recorded</c> names the archivist, committed with the state change. The items
/// stay outstanding (the catalogue shows them) until a supplement supplies them.
/// </summary>
public sealed class GapSeals(
    NpgsqlDataSource dataSource, SubmissionStore store, SubmissionService submissions, PolicyCatalog policies, ILedger ledger, ISealingScheduler scheduler, IClock clock)
{
    /// <summary>Ledger entry type of the recorded gaps.</summary>
    public const string GapsRecorded = "seal.gaps-recorded";

    /// <summary>Checks the submission and the reasons; when both pass, records the gaps and schedules sealing.</summary>
    /// <param name="id">The submission.</param>
    /// <param name="archivist">The archivist's principal id.</param>
    /// <param name="gaps">One reason per missing required role.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <returns>The submission, now <c>sealing</c>, and the index of the <c>seal.gaps-recorded</c> entry.</returns>
    /// <exception cref="IngestException">Not found (404), not open (409), malformed reasons (400 <c>gaps.invalid</c>),
    /// reasons that do not match the missing items (422 <c>seal.gaps-mismatch</c>, every mismatch listed), or other
    /// problems (422 <c>submission.incomplete</c>, every problem listed). A refusal changes nothing.</exception>
    public async Task<(Submission Submission, long LedgerIndex)> SealAsync(Guid id, Guid archivist, IReadOnlyList<GapInput>? gaps, CancellationToken ct)
    {
        var reasons = Validate(gaps);
        long index;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var submission = await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct)
                ?? throw new IngestException(ErrorKind.NotFound, "submission.not-found", "提交不存在。");
            if (submission.Status != SubmissionStatus.Open)
            {
                throw SubmissionService.NotOpen(submission);
            }

            var (problems, content) = await submissions.CheckForSealAsync(conn, tx, submission, ct);
            var missing = problems.Where(p => p.Code == ChecklistProblem.MissingRole).ToList();
            var others = problems.Except(missing).ToList();
            var mismatches = Mismatches(missing, reasons);
            if (others.Count > 0)
            {
                throw new IngestException(ErrorKind.Unprocessable, "submission.incomplete",
                    $"提交未通过封存前检查，共 {others.Count + mismatches.Count} 个问题（缺件说明只能弥补缺少的必须归档材料），详见 problems。",
                    problems: [.. others, .. mismatches]);
            }

            if (mismatches.Count > 0 || missing.Count == 0)
            {
                throw new IngestException(ErrorKind.Unprocessable, "seal.gaps-mismatch",
                    missing.Count == 0 ? "提交已齐全，无需缺件归档，请由交易系统正常封存。" : $"缺件说明与缺少的材料不一致，共 {mismatches.Count} 处，详见 problems。",
                    problems: mismatches);
            }

            var category = SubmissionMetadataJson.Read(submission.Metadata).Metadata.Category!;
            var policy = policies.Get(category);
            var now = clock.GetCurrentInstant();
            var recorded = missing.Select(p => new ManifestGap(p.Field!, policy.FindItem(p.Field!)?.Title ?? p.Field!, reasons[p.Field!], archivist.ToString())).ToList();
            await SubmissionGaps.InsertAsync(conn, tx, id, recorded, archivist, now, ct);
            // The items stay outstanding: the catalogue keeps showing them until a supplement supplies them.
            await Reading.OutstandingItems.RecordSealAttemptAsync(conn, tx, submission.ProjectCode, id, missing, now, ct);
            await SealCheckRecords.SaveAsync(conn, tx, id, content.Record, now, ct);
            await SubmissionStore.MarkSealingAsync(conn, tx, id, now, ct);
            var entry = await ledger.AppendInTransactionAsync(conn, tx, GapsRecorded, Fields(submission, archivist, recorded), null, ct);
            index = entry.Index;
            await tx.CommitAsync(ct);
        }

        scheduler.ScheduleSealing(id);
        return ((await store.FindAsync(id, ct))!, index);
    }

    private static Dictionary<string, string> Validate(IReadOnlyList<GapInput>? gaps)
    {
        if (gaps is null || gaps.Count == 0
            || gaps.Any(g => string.IsNullOrWhiteSpace(g?.Role) || string.IsNullOrWhiteSpace(g.Reason) || g.Reason.Trim().Length > 2000))
        {
            throw new IngestException(ErrorKind.Invalid, "gaps.invalid",
                "请求体应为 {\"gaps\":[{\"role\",\"reason\"}]}：每个缺件须写明材料类型与缺件说明（不超过 2000 字）。", "gaps");
        }

        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var gap in gaps)
        {
            if (!reasons.TryAdd(gap.Role!.Trim(), gap.Reason!.Trim()))
            {
                throw new IngestException(ErrorKind.Invalid, "gaps.invalid", $"材料类型“{gap.Role}”的缺件说明重复。", "gaps");
            }
        }

        return reasons;
    }

    private static List<ArchiveProblem> Mismatches(IReadOnlyList<ArchiveProblem> missing, Dictionary<string, string> reasons)
    {
        var missingRoles = missing.Select(p => p.Field!).ToHashSet(StringComparer.Ordinal);
        var mismatches = missing.Where(p => !reasons.ContainsKey(p.Field!))
            .Select(p => new ArchiveProblem("gap.reason-missing", p.Field, $"缺少缺件说明：{p.Message}"))
            .ToList();
        mismatches.AddRange(reasons.Keys.Where(r => !missingRoles.Contains(r)).Order(StringComparer.Ordinal)
            .Select(r => new ArchiveProblem("gap.not-missing", r, $"材料类型“{r}”并未缺少（或不是必须归档的材料），不能为其填写缺件说明。")));
        return mismatches;
    }

    private static JsonObject Fields(Submission submission, Guid archivist, IReadOnlyList<ManifestGap> gaps) => new()
    {
        ["submission"] = submission.Id.ToString(),
        ["project"] = submission.ProjectCode,
        ["platform"] = submission.Platform,
        ["by"] = archivist.ToString(),
        ["gaps"] = new JsonArray(gaps.Select(g => (JsonNode)new JsonObject { ["role"] = g.Role, ["title"] = g.Title, ["reason"] = g.Reason }).ToArray()),
    };
}
