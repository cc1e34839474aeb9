using Archive.Api.Access;
using NodaTime;
using Npgsql;

namespace Archive.Api.Access.Requests;

/// <summary>
/// The tables of the access workflow (schema <c>api</c>): requests with their projects, decisions and grants.
/// Writes take the caller's connection and transaction, so that a change and its ledger entry commit together.
/// </summary>
public sealed partial class AccessRequestStore(NpgsqlDataSource dataSource)
{
    private const string RequestColumns =
        """
        r.id, r.approval_number, r.requester_id, p.name, r.organization, r.scope, r.purpose, r.basis_document_number,
        r.basis_issuer, r.days, r.include_personal_data, r.levels_required, r.status, r.created_at, r.document_key,
        r.document_sha256, r.document_size, r.document_media_type, r.requested_entry
        """;

    /// <summary>The data source, for callers that open their own transaction.</summary>
    internal NpgsqlDataSource DataSource => dataSource;

    /// <summary>One request with its decisions and grant, or null.</summary>
    /// <param name="id">The request.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<AccessRequest?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await GetAsync(conn, null, id, forUpdate: false, ct);
    }

    /// <summary>Requests, newest first: all, or those of one organisation; optionally of one stored status.</summary>
    /// <param name="organization">Only this organisation's, or null for all.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="ct">Cancels the queries.</param>
    public async Task<IReadOnlyList<AccessRequest>> ListAsync(string? organization, int limit, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var ids = new List<Guid>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT id FROM api.access_requests WHERE ($1::text IS NULL OR organization = $1) ORDER BY created_at DESC, id DESC LIMIT $2", conn))
        {
            cmd.Parameters.Add(new() { Value = (object?)organization ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = limit });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var list = new List<AccessRequest>(ids.Count);
        foreach (var id in ids)
        {
            if (await GetAsync(conn, null, id, forUpdate: false, ct) is { } request)
            {
                list.Add(request);
            }
        }

        return list;
    }

    /// <summary>The request, locked for the rest of the transaction, or null.</summary>
    internal Task<AccessRequest?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        GetAsync(conn, tx, id, forUpdate: true, ct);

    /// <summary>The next 审批单号 for a request filed in <paramref name="year"/>.</summary>
    internal static async Task<string> NextApprovalNumberAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int year, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT nextval('api.access_request_numbers')", conn, tx);
        var n = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-{n:D6}");
    }

    /// <summary>Inserts a new request and its projects.</summary>
    internal static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AccessRequest r, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO api.access_requests (id, approval_number, requester_id, organization, scope, purpose, basis_document_number,
                basis_issuer, days, include_personal_data, levels_required, status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, conn, tx))
        {
            foreach (var value in new object[]
                     {
                         r.Id, r.ApprovalNumber, r.RequesterId, r.Organization, ScopeNames.Of(r.Scope), r.Purpose, r.Basis.DocumentNumber,
                         r.Basis.Issuer, r.Days, r.IncludePersonalData, (short)r.LevelsRequired, r.StoredStatus, r.CreatedAt,
                     })
            {
                cmd.Parameters.Add(new() { Value = value });
            }

            await cmd.ExecuteNonQueryAsync(ct);
        }

        for (var i = 0; i < r.Projects.Count; i++)
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO api.access_request_projects (request_id, position, project_code) VALUES ($1, $2, $3)", conn, tx);
            cmd.Parameters.Add(new() { Value = r.Id });
            cmd.Parameters.Add(new() { Value = i });
            cmd.Parameters.Add(new() { Value = r.Projects[i] });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Records the uploaded document and the index of its <c>access.requested</c> entry.</summary>
    internal static async Task AttachDocumentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, LegalDocument document, long entry, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            UPDATE api.access_requests SET document_key = $2, document_sha256 = $3, document_size = $4, document_media_type = $5, requested_entry = $6
            WHERE id = $1 AND document_key IS NULL
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = document.Key });
        cmd.Parameters.Add(new() { Value = document.Sha256 });
        cmd.Parameters.Add(new() { Value = document.Size });
        cmd.Parameters.Add(new() { Value = document.MediaType });
        cmd.Parameters.Add(new() { Value = entry });
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException("The request changed while its document was attached.");
        }
    }

    /// <summary>Records a decision.</summary>
    internal static async Task InsertDecisionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid requestId, ApprovalDecision d, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO api.access_decisions (request_id, level, approver_id, approve, comment, decided_at, ledger_index) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            conn, tx);
        cmd.Parameters.Add(new() { Value = requestId });
        cmd.Parameters.Add(new() { Value = (short)d.Level });
        cmd.Parameters.Add(new() { Value = d.ApproverId });
        cmd.Parameters.Add(new() { Value = d.Approve });
        cmd.Parameters.Add(new() { Value = (object?)d.Comment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = d.DecidedAt });
        cmd.Parameters.Add(new() { Value = d.LedgerIndex });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets a request's stored status.</summary>
    internal static async Task SetStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, string status, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE api.access_requests SET status = $2 WHERE id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = status });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts a grant.</summary>
    internal static async Task InsertGrantAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AccessGrant g, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO api.access_grants (id, request_id, principal_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)", conn, tx);
        cmd.Parameters.Add(new() { Value = g.Id });
        cmd.Parameters.Add(new() { Value = g.RequestId });
        cmd.Parameters.Add(new() { Value = g.PrincipalId });
        cmd.Parameters.Add(new() { Value = g.StartsAt });
        cmd.Parameters.Add(new() { Value = g.EndsAt });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marks a grant revoked; false when it was revoked already (concurrently).</summary>
    internal static async Task<bool> RevokeGrantAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, Guid grantId, Instant at, Guid by, string reason, long entry, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "UPDATE api.access_grants SET revoked_at = $2, revoked_by = $3, revoke_reason = $4, revoked_entry = $5 WHERE id = $1 AND revoked_at IS NULL",
            conn, tx);
        cmd.Parameters.Add(new() { Value = grantId });
        cmd.Parameters.Add(new() { Value = at });
        cmd.Parameters.Add(new() { Value = by });
        cmd.Parameters.Add(new() { Value = reason });
        cmd.Parameters.Add(new() { Value = entry });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The request id a grant answers, locking nothing; null when the grant does not exist.</summary>
    internal async Task<Guid?> RequestOfGrantAsync(Guid grantId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT request_id FROM api.access_grants WHERE id = $1");
        cmd.Parameters.Add(new() { Value = grantId });
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    /// <summary>Ids of the requests whose grants to <paramref name="principalId"/> are not revoked.</summary>
    internal static async Task<IReadOnlyList<Guid>> UnrevokedRequestsOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid principalId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT request_id FROM api.access_grants WHERE principal_id = $1 AND revoked_at IS NULL ORDER BY starts_at", conn, tx);
        cmd.Parameters.Add(new() { Value = principalId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>
    /// The grant that lets <paramref name="principalId"/> access <paramref name="projectCode"/> in <paramref name="scope"/>
    /// at <paramref name="now"/> (a copy grant also allows reading), preferring the one that lasts longest; or null.
    /// </summary>
    /// <param name="principalId">The auditor.</param>
    /// <param name="projectCode">The project code (NFC).</param>
    /// <param name="scope">What the auditor wants to do.</param>
    /// <param name="now">The current instant, from the host's clock.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<ActiveGrant?> FindActiveGrantAsync(Guid principalId, string projectCode, ContentScope scope, Instant now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT g.id, r.id, r.approval_number, r.basis_document_number, r.scope, g.ends_at, r.include_personal_data, p.name, r.organization
            FROM api.access_grants g
            JOIN api.access_requests r ON r.id = g.request_id
            JOIN api.access_request_projects rp ON rp.request_id = r.id
            JOIN api.principals p ON p.id = g.principal_id
            WHERE g.principal_id = $1 AND rp.project_code = $2 AND g.revoked_at IS NULL AND p.revoked_at IS NULL
              AND r.status = 'approved' AND g.starts_at <= $3 AND $3 < g.ends_at AND ($4 = 'read' OR r.scope = 'copy')
            ORDER BY g.ends_at DESC, g.id
            LIMIT 1
            """);
        cmd.Parameters.Add(new() { Value = principalId });
        cmd.Parameters.Add(new() { Value = projectCode });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = ScopeNames.Of(scope) });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var grantScope = ScopeNames.Parse(reader.GetString(4));
        return new ActiveGrant(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), grantScope,
            reader.GetFieldValue<Instant>(5), reader.GetBoolean(6), reader.GetString(7), reader.GetString(8));
    }
}
