using System.Text.Json;
using Archive.Ingest.Reading;
using Archive.Integrity.Manifests;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Handover;

/// <summary>
/// What handover monitoring shows: a platform's reminders (催交), the 未归档情况报告 for the supervising department,
/// and the overdue figures of the annual statistics.
/// </summary>
public sealed class HandoverReports(NpgsqlDataSource dataSource)
{
    private const string ReminderColumns = "r.id, r.project_code, r.platform, r.due_date, r.message, r.missing::text, r.sent_at, r.ledger_index";

    /// <summary>The reminders sent to <paramref name="platform"/>, newest first.</summary>
    /// <param name="platform">The platform (the ingest principal's organisation).</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<Reminder>> RemindersAsync(string platform, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"SELECT {ReminderColumns} FROM ingest.reminders r WHERE r.platform = $1 ORDER BY r.sent_at DESC, r.id DESC", conn);
        cmd.Parameters.Add(new() { Value = platform });
        return await ReadRemindersAsync(cmd, ct);
    }

    /// <summary>
    /// Projects past their archiving deadline with required items still missing, optionally of one platform and/or region,
    /// ordered by deadline then code.
    /// </summary>
    /// <param name="platform">Only this platform, or null.</param>
    /// <param name="region">Only this region code, or null.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<IReadOnlyList<OverdueProjectReport>> OverdueAsync(string? platform, string? region, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var rows = new List<OverdueProjectReport>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT n.project_code, p.name, p.category, p.platform, p.region, n.due_date, n.noticed_at, n.ledger_index
            FROM ingest.overdue_notices n JOIN ingest.projects p ON p.code = n.project_code
            WHERE n.due_date = (SELECT max(m.due_date) FROM ingest.overdue_notices m WHERE m.project_code = n.project_code)
              AND EXISTS (SELECT 1 FROM ingest.outstanding_items o WHERE o.project_code = n.project_code AND o.resolved_at IS NULL)
              AND ($1::text IS NULL OR p.platform = $1) AND ($2::text IS NULL OR p.region = $2)
            ORDER BY n.due_date, n.project_code COLLATE "C"
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = (object?)platform ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = (object?)region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                rows.Add(new OverdueProjectReport(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                    r.GetFieldValue<LocalDate>(5), r.GetFieldValue<Instant>(6), r.GetInt64(7), [], [], []));
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var code = rows[i].ProjectCode;
            await using var reminders = new NpgsqlCommand($"SELECT {ReminderColumns} FROM ingest.reminders r WHERE r.project_code = $1 ORDER BY r.sent_at, r.id", conn, tx);
            reminders.Parameters.Add(new() { Value = code });
            rows[i] = rows[i] with
            {
                Missing = await OutstandingItems.ListAsync(conn, tx, code, ct),
                Reminders = await ReadRemindersAsync(reminders, ct),
                Gaps = await GapsAsync(conn, tx, code, ct),
            };
        }

        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// The overdue figure of the annual statistics (统计报表): the codes of the projects that became overdue (a
    /// <c>submission.overdue</c> was appended) in [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    /// <param name="from">Start (inclusive).</param>
    /// <param name="to">End (exclusive).</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyCollection<string>> OverdueProjectCodesAsync(Instant from, Instant to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT DISTINCT project_code FROM ingest.overdue_notices WHERE noticed_at >= $1 AND noticed_at < $2");
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var codes = new List<string>();
        while (await r.ReadAsync(ct))
        {
            codes.Add(r.GetString(0));
        }

        return codes;
    }

    private static async Task<IReadOnlyList<Reminder>> ReadRemindersAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var reminders = new List<Reminder>();
        while (await r.ReadAsync(ct))
        {
            reminders.Add(new Reminder(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<LocalDate>(3), r.GetString(4),
                JsonSerializer.Deserialize<List<string>>(r.GetString(5)) ?? [], r.GetFieldValue<Instant>(6), r.GetInt64(7)));
        }

        return reminders;
    }

    private static async Task<IReadOnlyList<ManifestGap>> GapsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT g.role, g.title, g.reason, g.recorded_by FROM ingest.submission_gaps g
            JOIN ingest.submissions s ON s.id = g.submission_id WHERE s.project_code = $1 ORDER BY g.recorded_at, g.role COLLATE "C"
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<ManifestGap>();
        while (await r.ReadAsync(ct))
        {
            gaps.Add(new ManifestGap(r.GetString(0), r.GetString(1), r.GetString(2), r.GetGuid(3).ToString()));
        }

        return gaps;
    }
}
