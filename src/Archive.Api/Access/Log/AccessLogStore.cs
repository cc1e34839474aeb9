using System.Text.Json;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Api.Access.Log;

/// <summary>Queries the access log projection (<c>api.access_log</c>) after catching it up with the ledger.</summary>
public sealed class AccessLogStore(NpgsqlDataSource dataSource, AccessLogProjector projector)
{
    /// <summary>The most rows one query returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Rows matching <paramref name="query"/>, in ledger order (or newest first), including entries appended a moment ago.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<IReadOnlyList<AccessLogRow>> QueryAsync(AccessLogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await projector.CatchUpAsync(ct);
        await using var cmd = dataSource.CreateCommand(
            $"""
            SELECT l.ledger_index, l.type, l.at, l.principal_id, p.name, l.organization, l.projects, l.request_id, l.grant_id, l.entry::text
            FROM api.access_log l LEFT JOIN api.principals p ON p.id = l.principal_id
            WHERE ($1::text IS NULL OR $1 = ANY (l.projects))
              AND ($2::uuid IS NULL OR l.principal_id = $2)
              AND ($3::text IS NULL OR l.organization = $3)
              AND ($4::uuid IS NULL OR l.request_id = $4)
              AND ($5::timestamptz IS NULL OR l.at >= $5)
              AND ($6::timestamptz IS NULL OR l.at < $6)
              AND ($7::bigint IS NULL OR l.ledger_index > $7)
            ORDER BY l.ledger_index {(query.NewestFirst ? "DESC" : "ASC")}
            LIMIT $8
            """);
        cmd.Parameters.Add(new() { Value = (object?)query.Project ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)query.Principal ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = (object?)query.Organization ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)query.Request ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = (object?)query.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)query.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)query.After ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = Math.Clamp(query.Limit, 1, MaxLimit) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<AccessLogRow>();
        while (await r.ReadAsync(ct))
        {
            using var entry = JsonDocument.Parse(r.GetString(9));
            rows.Add(new AccessLogRow(
                r.GetInt64(0), r.GetString(1), r.GetFieldValue<Instant>(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<string[]>(6), r.IsDBNull(7) ? null : r.GetGuid(7),
                r.IsDBNull(8) ? null : r.GetGuid(8), entry.RootElement.Clone()));
        }

        return rows;
    }

    /// <summary>
    /// Reads and copies in [<paramref name="from"/>, <paramref name="to"/>) per organisation and project, counted in
    /// PostgreSQL after catching the projection up with the ledger.
    /// </summary>
    /// <param name="from">Start (inclusive).</param>
    /// <param name="to">End (exclusive).</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<IReadOnlyList<AccessReleaseCount>> ReleaseCountsAsync(Instant from, Instant to, CancellationToken ct)
    {
        await projector.CatchUpAsync(ct);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT l.organization, p.code, count(*) FILTER (WHERE l.type = 'access.read'), count(*) FILTER (WHERE l.type = 'access.copied')
            FROM api.access_log l CROSS JOIN LATERAL unnest(l.projects) AS p(code)
            WHERE l.type IN ('access.read', 'access.copied') AND l.at >= $1 AND l.at < $2
            GROUP BY l.organization, p.code
            """);
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var counts = new List<AccessReleaseCount>();
        while (await r.ReadAsync(ct))
        {
            counts.Add(new AccessReleaseCount(r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
        }

        return counts;
    }
}
