using System.Text.Json;
using Archive.Integrity.Ledger;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Api.Access.Log;

/// <summary>
/// Keeps <c>api.access_log</c>, the searchable 查询/复制记录, as a projection of the ledger: it reads every entry after
/// the last one projected, in index order, and indexes the <c>access.*</c> ones. The ledger stays the record; the
/// projection can always be rebuilt from it and never misses an entry, whichever process appended it.
/// </summary>
public sealed partial class AccessLogProjector(NpgsqlDataSource dataSource, ILedger ledger, ILogger<AccessLogProjector> logger)
{
    private const int BatchSize = 500;

    // Any fixed 64-bit key shared by every process of the archive ("AccLogP1").
    private const long LockKey = 0x4163634C6F675031;

    /// <summary>Projects every committed entry not yet projected.</summary>
    /// <param name="ct">Cancels the work; a committed batch stays.</param>
    /// <returns>The number of entries read.</returns>
    public async Task<long> CatchUpAsync(CancellationToken ct)
    {
        var size = await ledger.GetSizeAsync(ct);
        long read = 0;
        while (true)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
            {
                lockCmd.Parameters.Add(new() { Value = LockKey });
                await lockCmd.ExecuteNonQueryAsync(ct);
            }

            long next;
            await using (var cmd = new NpgsqlCommand("SELECT next_index FROM api.access_log_position", conn, tx))
            {
                next = (long)(await cmd.ExecuteScalarAsync(ct))!;
            }

            if (next >= size)
            {
                await tx.CommitAsync(ct);
                return read;
            }

            var end = Math.Min(size, next + BatchSize);
            for (var i = next; i < end; i++)
            {
                var bytes = await ledger.GetEntryAsync(i, ct)
                    ?? throw new InvalidOperationException($"Ledger entry {i} below the committed size {size} is missing.");
                await ProjectAsync(conn, tx, i, bytes, ct);
            }

            await using (var cmd = new NpgsqlCommand("UPDATE api.access_log_position SET next_index = $1", conn, tx))
            {
                cmd.Parameters.Add(new() { Value = end });
                await cmd.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
            read += end - next;
            LogProjected(logger, next, end);
        }
    }

    private static async Task ProjectAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long index, byte[] bytes, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString()!;
        if (!type.StartsWith("access.", StringComparison.Ordinal))
        {
            return;
        }

        var at = InstantPattern.ExtendedIso.Parse(root.GetProperty("at").GetString()!).GetValueOrThrow();
        var principal = GuidOf(root, "principal");
        var organization = StringOf(root, "organization");
        var request = GuidOf(root, "request");
        var grant = GuidOf(root, "grant");
        var projects = new List<string>();
        if (StringOf(root, "project") is { } project)
        {
            projects.Add(project);
        }

        if (root.TryGetProperty("projects", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            projects.AddRange(list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!));
        }

        long? readEntry = root.TryGetProperty("readEntry", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : null;
        if (readEntry is { } readIndex)
        {
            // access.delivered names only its read: it inherits who, which grant and which project from that row.
            await using var cmd = new NpgsqlCommand(
                "SELECT principal_id, organization, projects, request_id, grant_id FROM api.access_log WHERE ledger_index = $1", conn, tx);
            cmd.Parameters.Add(new() { Value = readIndex });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                principal = reader.IsDBNull(0) ? null : reader.GetGuid(0);
                organization = reader.IsDBNull(1) ? null : reader.GetString(1);
                projects = [.. reader.GetFieldValue<string[]>(2)];
                request = reader.IsDBNull(3) ? null : reader.GetGuid(3);
                grant = reader.IsDBNull(4) ? null : reader.GetGuid(4);
            }
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO api.access_log (ledger_index, type, at, principal_id, organization, projects, request_id, grant_id, read_entry, entry)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (ledger_index) DO NOTHING
            """, conn, tx);
        insert.Parameters.Add(new() { Value = index });
        insert.Parameters.Add(new() { Value = type });
        insert.Parameters.Add(new() { Value = at });
        insert.Parameters.Add(new() { Value = (object?)principal ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new() { Value = (object?)organization ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = projects.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new() { Value = (object?)request ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new() { Value = (object?)grant ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new() { Value = (object?)readEntry ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        insert.Parameters.Add(new() { Value = System.Text.Encoding.UTF8.GetString(bytes), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Guid? GuidOf(JsonElement root, string name) =>
        Guid.TryParse(StringOf(root, name), out var g) ? g : null;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Access log projected ledger entries {From} to {To}")]
    private static partial void LogProjected(ILogger logger, long from, long to);
}
