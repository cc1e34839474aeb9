using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Integrity.Custody;

public sealed partial class VerificationRunStore
{
    /// <summary>One page of the runs created in [from, to), newest first (failures not loaded), with the total count.</summary>
    /// <param name="from">The earliest creation, or null.</param>
    /// <param name="to">The end (exclusive), or null.</param>
    /// <param name="offset">Rows to skip.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<(long Total, IReadOnlyList<VerificationRun> Runs)> PageAsync(Instant? from, Instant? to, int offset, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        const string Filter = "($1::timestamptz IS NULL OR r.created_at >= $1) AND ($2::timestamptz IS NULL OR r.created_at < $2)";
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM custody.runs r WHERE {Filter}", conn))
        {
            AddRange(count, from, to);
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var runs = new List<VerificationRun>();
        await using (var cmd = new NpgsqlCommand($"SELECT {RunColumns} FROM custody.runs r WHERE {Filter} ORDER BY r.created_at DESC, r.id LIMIT $3 OFFSET $4", conn))
        {
            AddRange(cmd, from, to);
            cmd.Parameters.Add(new() { Value = limit });
            cmd.Parameters.Add(new() { Value = offset });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                runs.Add(ReadRun(r, []));
            }
        }

        return (total, runs);
    }

    private static void AddRange(NpgsqlCommand cmd, Instant? from, Instant? to)
    {
        cmd.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}
