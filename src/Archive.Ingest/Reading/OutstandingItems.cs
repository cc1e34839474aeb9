using Archive.Core.Errors;
using Archive.Ingest.Policies;
using Archive.Ingest.Submissions;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Reading;

/// <summary>
/// Keeps the table of required items each project owner has not handed over (<c>ingest.outstanding_items</c>),
/// so that a refusal to provide archive material can be reported (seed §5.6.6). Fed by every seal attempt,
/// inside the seal request's transaction.
/// </summary>
public static class OutstandingItems
{
    /// <summary>
    /// Records one seal attempt's outcome. Each <c>checklist.missing-role</c> problem opens an outstanding row for its
    /// role (or, when one is open, moves its "last reported" time and counts the attempt; "since" keeps the first time).
    /// When the attempt found no problem at all — sealing starts — every open row of the project is resolved by it.
    /// An attempt that fails for other reasons resolves nothing: until a seal passes, the archive does not hold the items.
    /// </summary>
    /// <param name="conn">The seal request's connection.</param>
    /// <param name="tx">The seal request's transaction.</param>
    /// <param name="projectCode">The project code (as stored).</param>
    /// <param name="submissionId">The submission whose seal was attempted.</param>
    /// <param name="problems">Every problem the attempt found; empty when sealing starts.</param>
    /// <param name="now">The attempt's time.</param>
    /// <param name="ct">Cancels the statements.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async Task RecordSealAttemptAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string projectCode, Guid submissionId, IReadOnlyList<ArchiveProblem> problems, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(projectCode);
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            await using var resolve = new NpgsqlCommand(
                "UPDATE ingest.outstanding_items SET resolved_at = $2, resolved_by = $3 WHERE project_code = $1 AND resolved_at IS NULL", conn, tx);
            resolve.Parameters.Add(new() { Value = projectCode });
            resolve.Parameters.Add(new() { Value = now });
            resolve.Parameters.Add(new() { Value = submissionId });
            await resolve.ExecuteNonQueryAsync(ct);
            return;
        }

        var missing = problems
            .Where(p => p.Code == ChecklistProblem.MissingRole && !string.IsNullOrEmpty(p.Field))
            .DistinctBy(p => p.Field, StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO ingest.outstanding_items (project_code, role, message, first_reported_at, last_reported_at, first_submission_id, last_submission_id)
            SELECT $1, m.role, m.message, $4, $4, $5, $5 FROM unnest($2::text[], $3::text[]) AS m (role, message)
            ON CONFLICT (project_code, role) WHERE resolved_at IS NULL
            DO UPDATE SET last_reported_at = excluded.last_reported_at, last_submission_id = excluded.last_submission_id,
                          message = excluded.message, attempts = ingest.outstanding_items.attempts + 1
            """, conn, tx);
        upsert.Parameters.Add(new() { Value = projectCode });
        upsert.Parameters.Add(new() { Value = missing.Select(p => p.Field!).ToArray() });
        upsert.Parameters.Add(new() { Value = missing.Select(p => p.Message).ToArray() });
        upsert.Parameters.Add(new() { Value = now });
        upsert.Parameters.Add(new() { Value = submissionId });
        await upsert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The project's open rows, oldest first.</summary>
    internal static async Task<IReadOnlyList<OutstandingItem>> ListAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string projectCode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT role, message, first_reported_at, last_reported_at, attempts FROM ingest.outstanding_items
            WHERE project_code = $1 AND resolved_at IS NULL ORDER BY first_reported_at, role COLLATE "C"
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<OutstandingItem>();
        while (await r.ReadAsync(ct))
        {
            items.Add(new OutstandingItem(r.GetString(0), r.GetString(1), r.GetFieldValue<Instant>(2), r.GetFieldValue<Instant>(3), r.GetInt32(4)));
        }

        return items;
    }
}
