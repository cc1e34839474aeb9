using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Retention;

/// <summary>
/// Places and releases legal holds, each with its ledger entry in the same transaction. The project row is locked
/// while a hold is placed, so a disposal proposed at the same time sees the hold or is seen by it.
/// </summary>
public sealed class LegalHolds(NpgsqlDataSource dataSource, ILedger ledger, IClock clock)
{
    /// <summary>The longest reason, in characters.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>The longest reference, in characters.</summary>
    public const int MaxReferenceLength = 200;

    /// <summary>Places a hold (<c>hold.placed</c>).</summary>
    /// <param name="actor">An archivist or approver.</param>
    /// <param name="projectCode">The project (it must exist).</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="reference">Case or document number; required.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The hold.</returns>
    /// <exception cref="RetentionException">Missing or too long reason/reference (400); no such project (404).</exception>
    public async Task<LegalHold> PlaceAsync(RetentionActor actor, string projectCode, string? reason, string? reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reason = Required(reason, MaxReasonLength, "reason", "冻结理由");
        reference = Required(reference, MaxReferenceLength, "reference", "依据文号（如案件编号）");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var code = await RetentionQueries.LockProjectAsync(conn, tx, projectCode, ct)
            ?? throw new RetentionException(ErrorKind.NotFound, "project.not-found", "没有该项目的档案。");
        var id = Guid.CreateVersion7();
        var now = clock.GetCurrentInstant();
        var entry = await ledger.AppendInTransactionAsync(conn, tx, RetentionEntries.HoldPlaced, new JsonObject
        {
            ["hold"] = id.ToString(),
            ["project"] = code,
            ["reason"] = reason,
            ["reference"] = reference,
            ["principal"] = actor.Id.ToString(),
            ["principalName"] = actor.Name,
            ["role"] = actor.Role,
        }, null, ct);
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO ingest.holds (id, project_code, reason, reference, placed_by, placed_by_name, placed_at, placed_entry)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = code });
            cmd.Parameters.Add(new() { Value = reason });
            cmd.Parameters.Add(new() { Value = reference });
            cmd.Parameters.Add(new() { Value = actor.Id });
            cmd.Parameters.Add(new() { Value = actor.Name });
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = entry.Index });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new LegalHold(id, code, reason, reference, actor.Name, now, entry.Index, null, null);
    }

    /// <summary>Releases an active hold (<c>hold.released</c>).</summary>
    /// <param name="actor">An archivist or approver.</param>
    /// <param name="projectCode">The project.</param>
    /// <param name="holdId">The hold.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The <c>hold.released</c> ledger index.</returns>
    /// <exception cref="RetentionException">No such hold on the project (404); already released (409).</exception>
    public async Task<long> ReleaseAsync(RetentionActor actor, string projectCode, Guid holdId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var code = await RetentionQueries.LockProjectAsync(conn, tx, projectCode, ct);
        bool? active = null;
        string? reference = null;
        await using (var find = new NpgsqlCommand("SELECT released_at IS NULL, reference FROM ingest.holds WHERE id = $1 AND project_code = $2 FOR UPDATE", conn, tx))
        {
            find.Parameters.Add(new() { Value = holdId });
            find.Parameters.Add(new() { Value = code ?? string.Empty });
            await using var r = await find.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                active = r.GetBoolean(0);
                reference = r.GetString(1);
            }
        }

        switch (active)
        {
            case null:
                throw new RetentionException(ErrorKind.NotFound, "hold.not-found", "该项目没有此冻结记录。");
            case false:
                throw new RetentionException(ErrorKind.Conflict, "hold.already-released", "该冻结已解除。");
        }

        var entry = await ledger.AppendInTransactionAsync(conn, tx, RetentionEntries.HoldReleased, new JsonObject
        {
            ["hold"] = holdId.ToString(),
            ["project"] = code,
            ["reference"] = reference,
            ["principal"] = actor.Id.ToString(),
            ["principalName"] = actor.Name,
            ["role"] = actor.Role,
        }, null, ct);
        await using (var cmd = new NpgsqlCommand("UPDATE ingest.holds SET released_by = $2, released_at = $3, released_entry = $4 WHERE id = $1", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = holdId });
            cmd.Parameters.Add(new() { Value = actor.Id });
            cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
            cmd.Parameters.Add(new() { Value = entry.Index });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return entry.Index;
    }

    /// <summary>Every hold of a project, active and released, oldest first.</summary>
    /// <param name="projectCode">The project code as sent.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<LegalHold>> ListAsync(string projectCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(projectCode);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT id, project_code, reason, reference, placed_by_name, placed_at, placed_entry, released_at, released_entry
            FROM ingest.holds WHERE project_code = $1 ORDER BY placed_entry
            """);
        cmd.Parameters.Add(new() { Value = RetentionQueries.Normalize(projectCode) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var holds = new List<LegalHold>();
        while (await r.ReadAsync(ct))
        {
            holds.Add(new LegalHold(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<Instant>(5),
                r.GetInt64(6), r.IsDBNull(7) ? null : r.GetFieldValue<Instant>(7), r.IsDBNull(8) ? null : r.GetInt64(8)));
        }

        return holds;
    }

    internal static string Required(string? value, int max, string field, string label)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new RetentionException(ErrorKind.Invalid, "retention.field-required", $"须填写{label}（{field}）。", field);
        }

        return value.Length <= max ? value : throw new RetentionException(ErrorKind.Invalid, "retention.field-length", $"{label}最长 {max} 个字符。", field);
    }
}
