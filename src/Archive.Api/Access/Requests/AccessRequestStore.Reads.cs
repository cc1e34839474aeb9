using NodaTime;
using Npgsql;

namespace Archive.Api.Access.Requests;

public sealed partial class AccessRequestStore
{
    /// <summary>The request, locked, inside a caller's transaction (for revocations from outside the workflow).</summary>
    internal static Task<AccessRequest?> GetForRevocationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        GetAsync(conn, tx, id, forUpdate: true, ct);

    private static async Task<AccessRequest?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid id, bool forUpdate, CancellationToken ct)
    {
        AccessRequest request;
        await using (var cmd = new NpgsqlCommand(
            $"SELECT {RequestColumns} FROM api.access_requests r JOIN api.principals p ON p.id = r.requester_id WHERE r.id = $1"
            + (forUpdate ? " FOR UPDATE OF r" : string.Empty), conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                return null;
            }

            var scope = ScopeNames.Parse(r.GetString(5));
            var document = r.IsDBNull(14)
                ? null
                : new LegalDocument(r.GetString(14), r.GetString(15), r.GetInt64(16), r.GetString(17));
            request = new AccessRequest(
                r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4), [], scope, r.GetString(6),
                new LegalBasis(r.GetString(7), r.GetString(8)), r.GetInt32(9), r.GetBoolean(10), r.GetInt16(11), r.GetString(12),
                r.GetFieldValue<Instant>(13), document, r.IsDBNull(18) ? null : r.GetInt64(18));
        }

        var projects = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT project_code FROM api.access_request_projects WHERE request_id = $1 ORDER BY position", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                projects.Add(r.GetString(0));
            }
        }

        var decisions = new List<ApprovalDecision>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT d.level, d.approver_id, p.name, p.organization, d.approve, d.comment, d.decided_at, d.ledger_index
            FROM api.access_decisions d JOIN api.principals p ON p.id = d.approver_id
            WHERE d.request_id = $1 ORDER BY d.level
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                decisions.Add(new ApprovalDecision(r.GetInt16(0), r.GetGuid(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<Instant>(6), r.GetInt64(7)));
            }
        }

        AccessGrant? grant = null;
        await using (var cmd = new NpgsqlCommand(
            "SELECT id, principal_id, starts_at, ends_at, revoked_at, revoked_by, revoke_reason, revoked_entry FROM api.access_grants WHERE request_id = $1",
            conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                grant = new AccessGrant(r.GetGuid(0), id, r.GetGuid(1), r.GetFieldValue<Instant>(2), r.GetFieldValue<Instant>(3),
                    r.IsDBNull(4) ? null : r.GetFieldValue<Instant>(4), r.IsDBNull(5) ? null : r.GetGuid(5),
                    r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt64(7));
            }
        }

        return request with { Projects = projects, Decisions = decisions, Grant = grant };
    }
}
