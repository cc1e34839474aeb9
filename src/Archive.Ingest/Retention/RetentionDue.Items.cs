using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Retention;

public sealed partial class RetentionDue
{
    /// <summary>
    /// Items (of versions not disposed, not disposed themselves) whose own effective retention ends before
    /// <paramref name="before"/> while their version's does not, earliest first.
    /// </summary>
    /// <param name="before">The date (exclusive); today in Asia/Shanghai lists those already ended.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<DueItem>> ListItemsAsync(LocalDate before, int limit, CancellationToken ct)
    {
        // The sealed end bounds the effective one from below, so its index narrows the scan.
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT i.project_code, i.version, i.path, i.role, i.sealed_until, i.retain_until,
                   (SELECT count(*) FROM ingest.holds h WHERE h.project_code = i.project_code AND h.released_at IS NULL),
                   (SELECT o.ledger_index FROM ingest.item_appraisal_openings o
                    WHERE o.project_code = i.project_code AND o.version = i.version AND o.path = i.path AND o.retain_until = i.retain_until)
            FROM ingest.item_retention i
            JOIN ingest.version_retention r ON r.project_code = i.project_code AND r.version = i.version
            WHERE i.sealed_until < $1 AND i.retain_until < $1 AND (r.retain_until IS NULL OR r.retain_until >= $1)
            ORDER BY i.retain_until, i.project_code COLLATE "C", i.version, i.path COLLATE "C"
            LIMIT $2
            """);
        cmd.Parameters.Add(new() { Value = before });
        cmd.Parameters.Add(new() { Value = limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var due = new List<DueItem>();
        while (await r.ReadAsync(ct))
        {
            due.Add(new DueItem(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetFieldValue<LocalDate>(4), r.GetFieldValue<LocalDate>(5),
                r.GetInt64(6), r.IsDBNull(7) ? null : r.GetInt64(7)));
        }

        return due;
    }

    /// <summary>Opens an appraisal (<c>appraisal.opened</c> with the item's path) for every due item without one for that end.</summary>
    private async Task<int> OpenItemAppraisalsAsync(CancellationToken ct)
    {
        var opened = 0;
        foreach (var item in await ListItemsAsync(RetentionQueries.Today(clock), 1000, ct))
        {
            if (item.AppraisalEntry is not null)
            {
                continue;
            }

            var until = LocalDatePattern.Iso.Format(item.RetainUntil);
            var fields = new JsonObject
            {
                ["project"] = item.ProjectCode,
                ["version"] = item.Version,
                ["path"] = item.Path,
                ["role"] = item.Role,
                ["retainUntil"] = until,
                ["sealedUntil"] = LocalDatePattern.Iso.Format(item.SealedUntil),
                ["activeHolds"] = item.ActiveHolds,
            };
            var entry = await ledger.AppendAsync(RetentionEntries.AppraisalOpened, fields,
                $"appraisal.opened:{item.ProjectCode}:v{item.Version}:{until}:item:{item.Path}", ct);
            await using var cmd = dataSource.CreateCommand(
                """
                INSERT INTO ingest.item_appraisal_openings (project_code, version, path, retain_until, opened_at, ledger_index)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
                """);
            cmd.Parameters.Add(new() { Value = item.ProjectCode });
            cmd.Parameters.Add(new() { Value = item.Version });
            cmd.Parameters.Add(new() { Value = item.Path });
            cmd.Parameters.Add(new() { Value = item.RetainUntil });
            cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
            cmd.Parameters.Add(new() { Value = entry.Index });
            opened += await cmd.ExecuteNonQueryAsync(ct);
        }

        return opened;
    }
}
