using NodaTime;
using Npgsql;

namespace Archive.Ingest.Statistics;

/// <summary>
/// The ingest side of the annual statistics (统计报表, CONTRACT §9): projects, versions, items, bytes and hours of
/// recordings archived in a period, aggregated in PostgreSQL over the ingest tables, by category, region and platform.
/// </summary>
/// <param name="dataSource">The archive database.</param>
public sealed class ArchiveStatistics(NpgsqlDataSource dataSource)
{
    // A version's own items are its submission's items (carried-over ones came with an earlier submission); a
    // recording's duration is the one ffprobe read at seal, kept in that submission's seal-time record.
    private const string FiguresSql =
        """
        WITH v AS (
            SELECT v.project_code, v.version, v.submission_id, p.category, p.region, p.platform
            FROM ingest.versions v JOIN ingest.projects p ON p.code = v.project_code
            WHERE v.archived_at >= $1 AND v.archived_at < $2
        ), durations AS (
            SELECT r.submission_id, e ->> 'path' AS path, (e -> 'usability' ->> 'durationSeconds')::numeric AS seconds
            FROM ingest.seal_check_records r JOIN v ON v.submission_id = r.submission_id
            CROSS JOIN LATERAL jsonb_array_elements(convert_from(r.record, 'UTF8')::jsonb -> 'items') AS e
            WHERE e -> 'usability' ? 'durationSeconds'
        ), items AS (
            SELECT si.submission_id, si.size,
                   (si.media_type LIKE 'audio/%' OR si.media_type LIKE 'video/%') AS recording, d.seconds
            FROM v
            JOIN ingest.submission_items si ON si.submission_id = v.submission_id
            JOIN ingest.version_items vi ON vi.project_code = v.project_code AND vi.version = v.version AND vi.path = si.path AND vi.sha256 = si.sha256
            LEFT JOIN durations d ON d.submission_id = si.submission_id AND d.path = si.path
        )
        SELECT GROUPING(v.category), GROUPING(v.region), GROUPING(v.platform), v.category, v.region, v.platform,
               count(DISTINCT v.project_code), count(DISTINCT v.submission_id), count(i.submission_id), COALESCE(sum(i.size), 0),
               count(*) FILTER (WHERE i.recording), COALESCE(sum(i.seconds) FILTER (WHERE i.recording), 0),
               count(*) FILTER (WHERE i.recording AND i.seconds IS NULL)
        FROM v LEFT JOIN items i ON i.submission_id = v.submission_id
        GROUP BY GROUPING SETS ((), (v.category), (v.region), (v.platform))
        """;

    /// <summary>
    /// The figures of versions archived in [<paramref name="from"/>, <paramref name="to"/>): one total row (also when
    /// nothing was archived), then one row per category, region and platform that archived something.
    /// </summary>
    /// <param name="from">Start of the period (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public async Task<IReadOnlyList<ArchivedFigures>> ArchivedAsync(Instant from, Instant to, CancellationToken ct)
    {
        if (to <= from)
        {
            throw new ArgumentException("The period must end after it starts.", nameof(to));
        }

        await using var cmd = dataSource.CreateCommand(FiguresSql);
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<ArchivedFigures>();
        while (await r.ReadAsync(ct))
        {
            var (dimension, column) = (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2)) switch
            {
                (0, _, _) => (StatisticsDimension.Category, 3),
                (_, 0, _) => (StatisticsDimension.Region, 4),
                (_, _, 0) => (StatisticsDimension.Platform, 5),
                _ => (StatisticsDimension.Total, -1),
            };
            rows.Add(new ArchivedFigures(
                dimension, column < 0 || r.IsDBNull(column) ? null : r.GetString(column), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8),
                checked((long)r.GetDecimal(9)), r.GetInt64(10), r.GetDecimal(11), r.GetInt64(12)));
        }

        if (!rows.Exists(row => row.Dimension == StatisticsDimension.Total))
        {
            rows.Insert(0, new ArchivedFigures(StatisticsDimension.Total, null, 0, 0, 0, 0, 0, 0, 0));
        }

        return rows;
    }

    /// <summary>The category, region and platform of each known project among <paramref name="codes"/>.</summary>
    /// <param name="codes">Project codes (unknown ones are left out).</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyDictionary<string, ProjectAttributes>> AttributesAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var found = new Dictionary<string, ProjectAttributes>(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return found;
        }

        await using var cmd = dataSource.CreateCommand("SELECT code, category, region, platform FROM ingest.projects WHERE code = ANY ($1)");
        cmd.Parameters.Add(new() { Value = codes.Distinct(StringComparer.Ordinal).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            found[r.GetString(0)] = new ProjectAttributes(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3));
        }

        return found;
    }
}
