using Npgsql;

namespace Archive.Ingest.Reading;

/// <summary>The counts the workbench (工作台) opens with: projects and submissions by category and status.</summary>
/// <param name="dataSource">The archive's database.</param>
public sealed class ArchiveOverview(NpgsqlDataSource dataSource)
{
    /// <summary>Counts by category, in category order; categories without any project are left out.</summary>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<CategoryCounts>> ByCategoryAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT p.category, count(*), count(*) FILTER (WHERE p.latest_version > 0),
                   coalesce(sum(s.open), 0), coalesce(sum(s.sealing), 0), coalesce(sum(s.rejected), 0)
            FROM ingest.projects p
            LEFT JOIN (SELECT project_code,
                              count(*) FILTER (WHERE status = 'open') AS open,
                              count(*) FILTER (WHERE status = 'sealing') AS sealing,
                              count(*) FILTER (WHERE status = 'rejected') AS rejected
                       FROM ingest.submissions GROUP BY project_code) s ON s.project_code = p.code
            GROUP BY p.category ORDER BY p.category COLLATE "C"
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<CategoryCounts>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new CategoryCounts(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)));
        }

        return rows;
    }
}
