using Npgsql;

namespace Archive.Ingest.FourProperties;

/// <summary>The stored seal-time records (<c>ingest.seal_check_records</c>).</summary>
internal static class SealCheckRecords
{
    /// <summary>The bag's tag file that carries the record.</summary>
    public const string TagPath = "archive/seal-checks.json";

    public static async Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid submissionId, byte[] record, NodaTime.Instant at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO ingest.seal_check_records (submission_id, record, checked_at) VALUES ($1, $2, $3)
            ON CONFLICT (submission_id) DO UPDATE SET record = EXCLUDED.record, checked_at = EXCLUDED.checked_at
            """, conn, tx);
        command.Parameters.Add(new() { Value = submissionId });
        command.Parameters.Add(new() { Value = record });
        command.Parameters.Add(new() { Value = at });
        await command.ExecuteNonQueryAsync(ct);
    }
}
