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
    public const string LastActivity =
        "GREATEST(s.created_at, COALESCE((SELECT max(i.received_at) FROM ingest.submission_items i WHERE i.submission_id = s.id), s.created_at))";

    /// <summary>
    /// The condition (parameter $1: the idle cutoff) of a submission whose staged bytes wait for an archivist's decision:
    /// open and idle since before the cutoff, or rejected with bytes left, not held, neither discarded nor released.
    /// </summary>
    public const string AwaitingDecision =
        $"""
        ((s.status = 'open' AND {LastActivity} < $1)
         OR (s.status = 'rejected' AND s.staging_cleared_at IS NULL AND NOT s.staging_held
             AND s.staging_discarded_at IS NULL AND s.staging_released_at IS NULL))
        """;

    /// <summary>
    /// Submissions whose staging prefix was not emptied yet and may be: archived (the bytes were promoted), or rejected with
    /// a recorded decision — discarded, or an abandoned seal whose held bytes were released. Never anything held.
    /// </summary>
    public Task<IReadOnlyList<Guid>> FindUnclearedAsync(int limit, CancellationToken ct) =>
        IdsAsync(
            """
            SELECT s.id FROM ingest.submissions s WHERE s.staging_cleared_at IS NULL AND NOT s.staging_held
              AND (s.status = 'archived' OR (s.status = 'rejected' AND (s.staging_discarded_at IS NOT NULL OR s.staging_released_at IS NOT NULL)))
            LIMIT $1
            """, null, limit, ct);

    /// <summary>How many submissions wait for an archivist's decision (see <see cref="AwaitingDecision"/>).</summary>
    public async Task<int> CountAwaitingDecisionAsync(Instant cutoff, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT count(*)::int FROM ingest.submissions s WHERE {AwaitingDecision}");
        cmd.Parameters.Add(new() { Value = cutoff });
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
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
