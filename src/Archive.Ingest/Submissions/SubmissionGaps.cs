using Archive.Integrity.Manifests;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Submissions;

/// <summary>The table <c>ingest.submission_gaps</c>: the 缺件说明 an archivist recorded for a submission sealed incomplete.</summary>
public static class SubmissionGaps
{
    /// <summary>The gaps recorded for a submission, by role.</summary>
    /// <param name="conn">An open connection.</param>
    /// <param name="tx">The transaction, or null.</param>
    /// <param name="submissionId">The submission.</param>
    /// <param name="ct">Cancels the query.</param>
    public static async Task<IReadOnlyList<ManifestGap>> ListAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid submissionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        await using var cmd = new NpgsqlCommand(
            "SELECT role, title, reason, recorded_by FROM ingest.submission_gaps WHERE submission_id = $1 ORDER BY role COLLATE \"C\"", conn, tx);
        cmd.Parameters.Add(new() { Value = submissionId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<ManifestGap>();
        while (await r.ReadAsync(ct))
        {
            gaps.Add(new ManifestGap(r.GetString(0), r.GetString(1), r.GetString(2), r.GetGuid(3).ToString()));
        }

        return gaps;
    }

    internal static async Task InsertAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, Guid submissionId, IEnumerable<ManifestGap> gaps, Guid archivist, Instant now, CancellationToken ct)
    {
        foreach (var gap in gaps)
        {
            await using var cmd = new NpgsqlCommand(
                "INSERT INTO ingest.submission_gaps (submission_id, role, title, reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)", conn, tx);
            cmd.Parameters.Add(new() { Value = submissionId });
            cmd.Parameters.Add(new() { Value = gap.Role });
            cmd.Parameters.Add(new() { Value = gap.Title });
            cmd.Parameters.Add(new() { Value = gap.Reason });
            cmd.Parameters.Add(new() { Value = archivist });
            cmd.Parameters.Add(new() { Value = now });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
