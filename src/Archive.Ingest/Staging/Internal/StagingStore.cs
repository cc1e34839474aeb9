using System.Text.Json;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Staging.Internal;

/// <summary>The cleanup job's SQL.</summary>
internal sealed class StagingStore(NpgsqlDataSource dataSource)
{
    private const string LastActivity =
        "GREATEST(s.created_at, COALESCE((SELECT max(i.received_at) FROM ingest.submission_items i WHERE i.submission_id = s.id), s.created_at))";

    /// <summary>Open submissions whose last activity (opening or an item received) is before <paramref name="cutoff"/>.</summary>
    public Task<IReadOnlyList<Guid>> FindExpiredAsync(Instant cutoff, int limit, CancellationToken ct) =>
        IdsAsync($"SELECT s.id FROM ingest.submissions s WHERE s.status = 'open' AND {LastActivity} < $1 LIMIT $2", cutoff, limit, ct);

    /// <summary>Archived or rejected submissions whose staging prefix was not emptied yet and is not held for an archivist.</summary>
    public Task<IReadOnlyList<Guid>> FindUnclearedAsync(int limit, CancellationToken ct) =>
        IdsAsync("SELECT s.id FROM ingest.submissions s WHERE s.status IN ('archived', 'rejected') AND s.staging_cleared_at IS NULL AND NOT s.staging_held LIMIT $1", null, limit, ct);

    /// <summary>
    /// Rejects the submission if it is still open and still inactive since <paramref name="cutoff"/> (checked under its
    /// row lock, so an upload recorded meanwhile keeps it open); returns its staging keys, or null when it was kept.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ExpireAsync(Guid id, Instant cutoff, ArchiveProblem problem, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Lock first, then check in a new statement (a fresh snapshot under READ COMMITTED): an upload that recorded its
        // item while we waited for the lock (SubmissionService locks the row too) is seen and keeps the submission open.
        if (await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct) is not { Status: SubmissionStatus.Open })
        {
            return null;
        }

        await using (var cmd = new NpgsqlCommand(
            $"""
            UPDATE ingest.submissions s SET status = 'rejected', problems = $3
            WHERE s.id = $1 AND s.status = 'open' AND {LastActivity} < $2
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = cutoff });
            cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(new[] { problem }), NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                return null;
            }
        }

        var keys = (await SubmissionStore.ItemsAsync(conn, tx, id, ct)).Select(i => i.StagingKey).ToList();
        await tx.CommitAsync(ct);
        return keys;
    }

    public async Task<(string Status, IReadOnlyList<string> Keys)> StagingKeysAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var submission = await SubmissionStore.FindAsync(conn, null, id, forUpdate: false, ct);
        var items = await SubmissionStore.ItemsAsync(conn, null, id, ct);
        return (submission?.Status ?? string.Empty, items.Select(i => i.StagingKey).ToList());
    }

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, Instant? cutoff, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        if (cutoff is { } c)
        {
            cmd.Parameters.Add(new() { Value = c });
        }

        cmd.Parameters.Add(new() { Value = limit });
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }
}
