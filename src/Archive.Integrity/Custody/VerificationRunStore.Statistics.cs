using NodaTime;

namespace Archive.Integrity.Custody;

public sealed partial class VerificationRunStore
{
    /// <summary>
    /// Totals of the runs created in [<paramref name="from"/>, <paramref name="to"/>) and their failures per project,
    /// aggregated in PostgreSQL.
    /// </summary>
    /// <param name="from">Start (inclusive).</param>
    /// <param name="to">End (exclusive).</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<VerificationFigures> FiguresAsync(Instant from, Instant to, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long runs, completed, failed, objects, bytes;
        await using (var totals = new Npgsql.NpgsqlCommand(
            """
            SELECT count(*), count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
                   COALESCE(sum(objects_checked), 0), COALESCE(sum(bytes_checked), 0)
            FROM custody.runs WHERE created_at >= $1 AND created_at < $2
            """, conn))
        {
            totals.Parameters.Add(new() { Value = from });
            totals.Parameters.Add(new() { Value = to });
            await using var r = await totals.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            (runs, completed, failed, objects, bytes) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), checked((long)r.GetDecimal(3)), checked((long)r.GetDecimal(4)));
        }

        var byProject = new List<ProjectVerificationFigures>();
        await using (var failures = new Npgsql.NpgsqlCommand(
            """
            SELECT f.project_code, count(*), count(*) FILTER (WHERE f.repaired), count(*) FILTER (WHERE f.lost)
            FROM custody.run_failures f JOIN custody.runs r ON r.id = f.run_id
            WHERE r.created_at >= $1 AND r.created_at < $2
            GROUP BY f.project_code ORDER BY f.project_code COLLATE "C"
            """, conn))
        {
            failures.Parameters.Add(new() { Value = from });
            failures.Parameters.Add(new() { Value = to });
            await using var r = await failures.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                byProject.Add(new ProjectVerificationFigures(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
            }
        }

        return new VerificationFigures(runs, completed, failed, objects, bytes, byProject);
    }
}
