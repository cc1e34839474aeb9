using Archive.Ingest.Reading;
using Archive.Ingest.Reporting;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Retention;

/// <summary>Queries shared by holds, disposals and the appraisal job.</summary>
internal static class RetentionQueries
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    public static string Normalize(string code) => ProjectCatalog.Normalize(code);

    /// <summary>Today's calendar date in Asia/Shanghai: retention "until D" keeps through D, so D &lt; today means ended.</summary>
    public static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(Shanghai).Date;

    /// <summary>Locks the project row for the transaction and returns its code, or null when there is no such project.</summary>
    public static async Task<string?> LockProjectAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT code FROM ingest.projects WHERE code = $1 FOR UPDATE", conn, tx);
        cmd.Parameters.Add(new() { Value = Normalize(code) });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The not yet disposed versions of a project with their effective end of retention (null: permanent).</summary>
    public static async Task<IReadOnlyList<(int Version, LocalDate? Until)>> RetentionOfAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT version, retain_until FROM ingest.version_retention WHERE project_code = $1 ORDER BY version", conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(int, LocalDate?)>();
        while (await r.ReadAsync(ct))
        {
            list.Add((r.GetInt32(0), r.IsDBNull(1) ? null : r.GetFieldValue<LocalDate>(1)));
        }

        return list;
    }

    /// <summary>How many active holds the project has.</summary>
    public static async Task<long> ActiveHoldsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string code, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM ingest.holds WHERE project_code = $1 AND released_at IS NULL", conn, tx);
        cmd.Parameters.Add(new() { Value = code });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs one statement with positional parameters (null values need a typed parameter: pass them as <see cref="NpgsqlParameter"/>).</summary>
    public static async Task<int> ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var value in values)
        {
            cmd.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
