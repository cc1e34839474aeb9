using Npgsql;
using NpgsqlTypes;

namespace Archive.Api.Access.Requests;

public sealed partial class AccessRequestStore
{
    /// <summary>
    /// One page of requests, newest first (oldest first for <paramref name="awaitingDecision"/>, a queue), with the
    /// total count: all, or one organisation's; optionally only those awaiting a decision (pending, document uploaded).
    /// </summary>
    /// <param name="organization">Only this organisation's, or null for all.</param>
    /// <param name="awaitingDecision">Only pending requests whose document is uploaded (the approvers' queue).</param>
    /// <param name="offset">Rows to skip.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<(long Total, IReadOnlyList<AccessRequest> Requests)> PageAsync(
        string? organization, bool awaitingDecision, int offset, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        const string Filter = "($1::text IS NULL OR organization = $1) AND (NOT $2 OR (status = 'pending' AND requested_entry IS NOT NULL))";
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM api.access_requests WHERE {Filter}", conn))
        {
            count.Parameters.Add(new() { Value = (object?)organization ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            count.Parameters.Add(new() { Value = awaitingDecision });
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var order = awaitingDecision ? "created_at, id" : "created_at DESC, id DESC";
        var ids = new List<Guid>();
        await using (var cmd = new NpgsqlCommand($"SELECT id FROM api.access_requests WHERE {Filter} ORDER BY {order} LIMIT $3 OFFSET $4", conn))
        {
            cmd.Parameters.Add(new() { Value = (object?)organization ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = awaitingDecision });
            cmd.Parameters.Add(new() { Value = limit });
            cmd.Parameters.Add(new() { Value = offset });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var page = new List<AccessRequest>(ids.Count);
        foreach (var id in ids)
        {
            if (await GetAsync(conn, null, id, forUpdate: false, ct) is { } request)
            {
                page.Add(request);
            }
        }

        return (total, page);
    }
}
