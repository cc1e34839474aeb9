using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Ingest.Retention;

/// <summary>
/// Versions whose retention ends (GET /retention/due) and items whose own retention ends before their version's
/// (GET /retention/due/items), and the daily opening of an appraisal (鉴定) for each: <c>appraisal.opened</c> once per
/// version (or item) and end date. Expiry never deletes anything.
/// </summary>
public sealed partial class RetentionDue(NpgsqlDataSource dataSource, ILedger ledger, IClock clock)
{
    /// <summary>Versions (not disposed) whose effective retention ends before <paramref name="before"/>, earliest first.</summary>
    /// <param name="before">The date (exclusive); today in Asia/Shanghai lists those already ended.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<DueVersion>> ListAsync(LocalDate before, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT r.project_code, r.version, r.sealed_until, r.retain_until,
                   (SELECT count(*) FROM ingest.holds h WHERE h.project_code = r.project_code AND h.released_at IS NULL),
                   (SELECT o.ledger_index FROM ingest.appraisal_openings o
                    WHERE o.project_code = r.project_code AND o.version = r.version AND o.retain_until = r.retain_until)
            FROM ingest.version_retention r
            WHERE r.retain_until < $1
            ORDER BY r.retain_until, r.project_code COLLATE "C", r.version
            LIMIT $2
            """);
        cmd.Parameters.Add(new() { Value = before });
        cmd.Parameters.Add(new() { Value = limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var due = new List<DueVersion>();
        while (await r.ReadAsync(ct))
        {
            due.Add(new DueVersion(r.GetString(0), r.GetInt32(1), r.GetFieldValue<LocalDate>(2), r.GetFieldValue<LocalDate>(3), r.GetInt64(4),
                r.IsDBNull(5) ? null : r.GetInt64(5)));
        }

        return due;
    }

    /// <summary>Opens an appraisal for every version, then every item, whose retention ended and has none for that end yet (idempotent).</summary>
    /// <param name="ct">Cancels the pass; the next run continues.</param>
    /// <returns>How many appraisals were opened.</returns>
    public async Task<int> OpenAppraisalsAsync(CancellationToken ct)
    {
        var opened = 0;
        foreach (var version in await ListAsync(RetentionQueries.Today(clock), 1000, ct))
        {
            if (version.AppraisalEntry is not null)
            {
                continue;
            }

            var until = LocalDatePattern.Iso.Format(version.RetainUntil);
            var fields = new JsonObject
            {
                ["project"] = version.ProjectCode,
                ["version"] = version.Version,
                ["retainUntil"] = until,
                ["sealedUntil"] = LocalDatePattern.Iso.Format(version.SealedUntil),
                ["activeHolds"] = version.ActiveHolds,
            };
            // The idempotency key makes a retried or concurrent run append once; the row then records it.
            var entry = await ledger.AppendAsync(RetentionEntries.AppraisalOpened, fields, $"appraisal.opened:{version.ProjectCode}:v{version.Version}:{until}", ct);
            await using var cmd = dataSource.CreateCommand(
                """
                INSERT INTO ingest.appraisal_openings (project_code, version, retain_until, opened_at, ledger_index)
                VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
                """);
            cmd.Parameters.Add(new() { Value = version.ProjectCode });
            cmd.Parameters.Add(new() { Value = version.Version });
            cmd.Parameters.Add(new() { Value = version.RetainUntil });
            cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
            cmd.Parameters.Add(new() { Value = entry.Index });
            opened += await cmd.ExecuteNonQueryAsync(ct);
        }

        return opened + await OpenItemAppraisalsAsync(ct);
    }
}
