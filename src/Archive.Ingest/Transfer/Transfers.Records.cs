using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;

namespace Archive.Ingest.Transfer;

public sealed partial class Transfers
{
    /// <summary>The most recent transfers, newest first.</summary>
    /// <param name="limit">How many at most.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<TransferRecord>> ListAsync(int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"{Select} ORDER BY exported_at DESC, id DESC LIMIT $1");
        cmd.Parameters.Add(new() { Value = Math.Clamp(limit, 1, 1000) });
        return await ReadAsync(cmd, ct);
    }

    /// <summary>One recorded transfer, or null.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<TransferRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"{Select} WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    private const string Select =
        """
        SELECT id, recipient, recipient_code, note, exported_by, exported_by_name, exported_at, package_sha256, package_bytes,
               ledger_index, versions::text
        FROM ingest.transfers
        """;

    private async Task<TransferRecord> RecordAsync(TransferPlan plan, string sha256, long bytes, CancellationToken ct)
    {
        var versions = plan.Versions
            .Select(v => new TransferredVersion(v.Project.Code, v.Version, v.ArchivalCode, v.ManifestSha256))
            .ToList();
        var versionsJson = new JsonArray(versions.Select(v => (JsonNode)new JsonObject
        {
            ["project"] = v.Project,
            ["version"] = v.Version,
            ["archivalCode"] = v.ArchivalCode,
            ["manifestSha256"] = v.ManifestSha256,
        }).ToArray());
        var now = clock.GetCurrentInstant();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var entry = await ledger.AppendInTransactionAsync(conn, tx, Exported, new JsonObject
        {
            ["transfer"] = plan.Id.ToString(),
            ["recipient"] = plan.Recipient.Name,
            ["recipientCode"] = plan.Recipient.Code,
            ["packageSha256"] = sha256,
            ["packageBytes"] = bytes,
            ["versions"] = versionsJson.DeepClone(),
            ["principal"] = plan.Actor.Id.ToString(),
            ["principalName"] = plan.Actor.Name,
        }, "transfer:" + plan.Id.ToString("N"), ct);
        await using (var cmd = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO ingest.transfers (id, recipient, recipient_code, note, exported_by, exported_by_name, exported_at,
                                          package_sha256, package_bytes, ledger_index, versions)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
            """, conn, tx))
        {
            foreach (var value in new object?[] { plan.Id, plan.Recipient.Name, plan.Recipient.Code, plan.Note, plan.Actor.Id, plan.Actor.Name, now, sha256, bytes, entry.Index, versionsJson.ToJsonString() })
            {
                cmd.Parameters.Add(new() { Value = value ?? DBNull.Value });
            }

            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new TransferRecord(plan.Id, plan.Recipient, plan.Note, plan.Actor.Id, plan.Actor.Name, now, sha256, bytes, entry.Index, versions);
    }

    private static async Task<IReadOnlyList<TransferRecord>> ReadAsync(Npgsql.NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<TransferRecord>();
        while (await r.ReadAsync(ct))
        {
            var versions = JsonSerializer.Deserialize<List<TransferredVersion>>(r.GetString(10), JsonOptions) ?? [];
            list.Add(new TransferRecord(r.GetGuid(0), new TransferRecipient(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetGuid(4), r.GetString(5), r.GetFieldValue<Instant>(6), r.GetString(7),
                r.GetInt64(8), r.GetInt64(9), versions));
        }

        return list;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
