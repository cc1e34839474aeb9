using Archive.Ingest.Reporting;
using System.Text.Json.Nodes;
using Archive.Ingest.Policies;
using Archive.Ingest.Submissions;
using Archive.Integrity.Ledger;
using Hangfire;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Ingest.Handover;

/// <summary>
/// Daily job (归档监督, seed §5.6.6): watches every open submission from its first submission — its missing required items
/// are tracked as outstanding (missing since the project's first submission) — and for each project past its category's
/// archiving deadline with required items missing appends <c>submission.overdue</c> once per project and deadline and
/// sends a reminder (催交) to the platform. "Once" holds across runs and hosts: a unique key in PostgreSQL and the
/// ledger's idempotency key.
/// </summary>
public sealed class OverdueMonitorJob(NpgsqlDataSource dataSource, PolicyCatalog policies, ILedger ledger, IClock clock, IReminderNotifier notifier)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "ingest-overdue-monitor";

    /// <summary>Ledger entry type of an overdue project.</summary>
    public const string OverdueEntry = "submission.overdue";

    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>Runs one pass.</summary>
    /// <param name="ct">Cancels the pass; the next run continues.</param>
    /// <returns>What was watched and noticed.</returns>
    /// <exception cref="NpgsqlException">The database failed; the next run tries again.</exception>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(600)]
    public async Task<OverdueCheckResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InZone(Shanghai).Date;
        var store = new HandoverStore(dataSource);
        int watched = 0, overdue = 0, noticed = 0;
        foreach (var open in await store.OpenSubmissionsAsync(ct))
        {
            watched++;
            var (metadata, _) = SubmissionMetadataJson.Read(open.Metadata);
            if (!policies.TryGet(metadata.Category, out var policy))
            {
                continue;
            }

            var missing = ChecklistEvaluator.Evaluate(policy!, metadata.Flags, await store.PresentRolesAsync(open.SubmissionId, open.ProjectCode, ct))
                .Where(p => p.Code == ChecklistProblem.MissingRole).ToList();
            await store.TrackOutstandingAsync(open, missing, now, ct);
            if (missing.Count == 0 || policy!.ArchivingDeadline is not { } deadline)
            {
                continue;
            }

            var due = deadline.DueDate(metadata.Dates, open.FirstSubmittedAt.InZone(Shanghai).Date);
            if (today <= due)
            {
                continue;
            }

            overdue++;
            if (await NoticeAsync(store, open, policy, deadline, due, missing, now, ct) is { } reminder)
            {
                noticed++;
                await notifier.NotifyAsync(reminder, ct);
            }
        }

        return new OverdueCheckResult(watched, overdue, noticed);
    }

    private async Task<Reminder?> NoticeAsync(
        HandoverStore store, OpenProject open, RetentionPolicy policy, ArchivingDeadline deadline, LocalDate due,
        IReadOnlyList<ChecklistProblem> missing, Instant now, CancellationToken ct)
    {
        var roles = missing.Select(m => m.Role).ToList();
        var titles = missing.Select(m => policy.FindItem(m.Role)?.Title ?? m.Role);
        var dueText = LocalDatePattern.Iso.Format(due);
        var message = $"项目“{open.ProjectCode}”（{open.Name}）已超过归档期限 {dueText}（{deadline.Days} 天），仍缺必须归档的材料：{string.Join("、", titles)}。请尽快移交；确实无法提供的，请书面说明原因。";
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The unique key (project, deadline) makes a second run — on this host or another — insert nothing here.
        if (!await HandoverStore.ClaimNoticeAsync(conn, tx, open.ProjectCode, due, roles, now, ct))
        {
            return null;
        }

        var fields = new JsonObject
        {
            ["project"] = open.ProjectCode,
            ["submission"] = open.SubmissionId.ToString(),
            ["platform"] = open.Platform,
            ["category"] = policy.Category,
            ["region"] = open.Region,
            ["dueDate"] = dueText,
            ["deadlineDays"] = deadline.Days,
            ["deadlineStatus"] = deadline.Status.ToString().ToLowerInvariant(),
            ["missing"] = new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
            ["reminder"] = new JsonObject { ["platform"] = open.Platform, ["message"] = message },
        };
        var entry = await ledger.AppendInTransactionAsync(conn, tx, OverdueEntry, fields, $"{OverdueEntry}:{open.ProjectCode}:{dueText}", ct);
        var reminder = await HandoverStore.RecordReminderAsync(conn, tx, open, due, message, roles, now, entry.Index, ct);
        await tx.CommitAsync(ct);
        return reminder;
    }
}
