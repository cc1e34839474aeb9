using NodaTime;
using Npgsql;

namespace Archive.Integrity.Custody;

public sealed partial class VerificationRunStore
{
    private const string RunColumns =
        """
        r.id, r.status, r.trigger, r.copies, r.projects, r.created_at, r.started_at, r.completed_at,
        (SELECT count(*) FROM custody.run_objects ro WHERE ro.run_id = r.id),
        r.objects_checked, r.bytes_checked, r.repaired, r.lost, r.ledger_index, r.report_sha256
        """;

    /// <summary>A run with its failures, or null.</summary>
    /// <param name="id">The run.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<VerificationRun?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ReadRunAsync(conn, null, id, ct);
    }

    /// <summary>The stored report document of a completed run, or null.</summary>
    /// <param name="id">The run.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<byte[]?> ReportAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT report FROM custody.runs WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>Runs created in [from, to), newest first, at most 500 (failures not loaded).</summary>
    /// <param name="from">The earliest creation, or null.</param>
    /// <param name="to">The end (exclusive), or null.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<VerificationRun>> ListAsync(Instant? from, Instant? to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"""
            SELECT {RunColumns} FROM custody.runs r
            WHERE ($1::timestamptz IS NULL OR r.created_at >= $1) AND ($2::timestamptz IS NULL OR r.created_at < $2)
            ORDER BY r.created_at DESC LIMIT 500
            """);
        cmd.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var runs = new List<VerificationRun>();
        while (await r.ReadAsync(ct))
        {
            runs.Add(ReadRun(r, []));
        }

        return runs;
    }

    /// <summary>The latest completed verification of each copy of a project.</summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyDictionary<CopyKind, LastVerification>> LastVerificationAsync(string projectCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT copy, verified_at, run_id, result FROM custody.project_verifications WHERE project_code = $1");
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var last = new Dictionary<CopyKind, LastVerification>();
        while (await r.ReadAsync(ct))
        {
            last[CopyNames.Parse(r.GetString(0))!.Value] = new LastVerification(r.GetFieldValue<Instant>(1), r.GetGuid(2), r.GetString(3));
        }

        return last;
    }

    /// <summary>How many checks each object of a run got (each is 1 unless a claim lapsed).</summary>
    /// <param name="id">The run.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<int>> ChecksPerObjectAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT checks FROM custody.run_objects WHERE run_id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var checks = new List<int>();
        while (await r.ReadAsync(ct))
        {
            checks.Add(r.GetInt32(0));
        }

        return checks;
    }

    private static async Task<VerificationRun?> ReadRunAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        var failures = new List<VerificationFailure>();
        await using (var f = new NpgsqlCommand(
            """
            SELECT project_code, version, copy, path, kind, repaired, lost, ledger_index FROM custody.run_failures
            WHERE run_id = $1 ORDER BY project_code, version, copy, path
            """, conn, tx))
        {
            f.Parameters.Add(new() { Value = id });
            await using var r = await f.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                failures.Add(new VerificationFailure(r.GetString(0), r.GetInt32(1), CopyNames.Parse(r.GetString(2))!.Value, r.GetString(3),
                    r.GetString(4), r.GetBoolean(5), r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetInt64(7)));
            }
        }

        await using var cmd = new NpgsqlCommand($"SELECT {RunColumns} FROM custody.runs r WHERE r.id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        await using var run = await cmd.ExecuteReaderAsync(ct);
        return await run.ReadAsync(ct) ? ReadRun(run, failures) : null;
    }

    private static VerificationRun ReadRun(NpgsqlDataReader r, IReadOnlyList<VerificationFailure> failures) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3).Select(c => CopyNames.Parse(c)!.Value).ToList(),
        r.IsDBNull(4) ? null : r.GetFieldValue<string[]>(4), r.GetFieldValue<Instant>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<Instant>(6), r.IsDBNull(7) ? null : r.GetFieldValue<Instant>(7),
        r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt32(11), r.GetInt32(12),
        r.IsDBNull(13) ? null : r.GetInt64(13), r.IsDBNull(14) ? null : r.GetString(14), failures);
}
