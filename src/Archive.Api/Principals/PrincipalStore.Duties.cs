using System.Text.Json.Nodes;
using Archive.Core.Errors;
using NodaTime;
using Npgsql;

namespace Archive.Api.Principals;

/// <summary>Revocation, re-enabling, and the second administrator's confirmation (two-person rule, 双人复核).</summary>
public sealed partial class PrincipalStore
{
    /// <summary>Revokes a principal's token at once (a pending proposal with it); false when it does not exist or is already revoked.</summary>
    /// <param name="id">The principal.</param>
    /// <param name="revokedBy">The administrator revoking it.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<bool> RevokeAsync(Guid id, Guid revokedBy, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(
            "UPDATE api.principals SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
            cmd.Parameters.Add(new() { Value = revokedBy });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        await ledger.AppendInTransactionAsync(conn, tx, "principal.revoked", new JsonObject
        {
            ["principal"] = id.ToString(),
            ["by"] = revokedBy.ToString(),
        }, null, ct);
        // Its grants end with it, each with its own access.revoked entry (Access/Requests/AccessWorkflow).
        await Access.Requests.AccessWorkflow.RevokeGrantsOfPrincipalAsync(conn, tx, ledger, id, revokedBy, clock.GetCurrentInstant(), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Proposes re-enabling a revoked principal with a new token (returned once): at once for a trading system,
    /// otherwise only when a security administrator confirms (<c>principal.proposed</c>, proposal <c>enable</c>).
    /// </summary>
    /// <param name="id">The revoked principal.</param>
    /// <param name="by">The administrator proposing it.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">Not found (<c>principal.not-found</c>) or not revoked (<c>principal.not-revoked</c>).</exception>
    public async Task<(Principal Principal, string Token)> ProposeEnableAsync(Guid id, Guid by, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var principal = await LockAsync(conn, tx, id, ct) ?? throw PrincipalException.NotFound();
        if (principal.RevokedAt is null)
        {
            throw new PrincipalException(ErrorKind.Conflict, "principal.not-revoked", "该主体未被吊销，无需重新启用。");
        }

        var token = BearerTokens.Generate();
        await using (var cmd = new NpgsqlCommand(
            "UPDATE api.principals SET pending_token_hash = $2, enable_proposed_by = $3, enable_proposed_at = $4 WHERE id = $1", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = BearerTokens.Hash(token) });
            cmd.Parameters.Add(new() { Value = by });
            cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, "principal.proposed", new JsonObject
        {
            ["principal"] = id.ToString(),
            ["role"] = principal.Role,
            ["organization"] = principal.Organization,
            ["by"] = by.ToString(),
            ["proposal"] = "enable",
        }, null, ct);
        var result = principal with { EnableProposedBy = by };
        if (!Roles.NeedsConfirmation(principal.Role))
        {
            result = await ActivateAsync(conn, tx, result, by, ct);
        }

        await tx.CommitAsync(ct);
        return (result, token);
    }

    /// <summary>
    /// Confirms the open proposal (creation or re-enabling) of a principal, as a security administrator other than the
    /// proposer: it becomes active (<c>principal.confirmed</c>) with a fresh token lifetime.
    /// </summary>
    /// <param name="id">The proposed principal.</param>
    /// <param name="by">The security administrator confirming.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">
    /// Nothing to confirm (<c>principal.not-pending</c>, 404) or the confirmer proposed it (<c>principal.self-confirm</c>, 403).
    /// </exception>
    public async Task<Principal> ConfirmAsync(Guid id, Guid by, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var principal = await LockAsync(conn, tx, id, ct);
        var proposer = principal switch
        {
            { RevokedAt: null, ActivatedAt: null } => principal.CreatedBy,
            { RevokedAt: not null, EnableProposedBy: { } enabler } => enabler,
            _ => throw new PrincipalException(ErrorKind.NotFound, "principal.not-pending", "该主体没有待复核的创建或重新启用申请。"),
        };
        if (proposer == by || id == by)
        {
            throw new PrincipalException(ErrorKind.Forbidden, "principal.self-confirm", "双人复核：提出人不能复核自己的申请，须由另一名安全管理员确认。");
        }

        var confirmed = await ActivateAsync(conn, tx, principal!, by, ct);
        await tx.CommitAsync(ct);
        return confirmed;
    }

    private async Task<Principal> ActivateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Principal principal, Guid by, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var expires = now + tokens.LifetimeOf(principal.Role);
        var enabling = principal.RevokedAt is not null;
        await using (var cmd = new NpgsqlCommand(
            """
            UPDATE api.principals SET
                activated_at = coalesce(activated_at, $2), confirmed_by = $3, token_expires_at = $4,
                token_hash = CASE WHEN $5 THEN pending_token_hash ELSE token_hash END,
                revoked_at = NULL, revoked_by = NULL, pending_token_hash = NULL, enable_proposed_by = NULL, enable_proposed_at = NULL,
                previous_token_hash = CASE WHEN $5 THEN NULL ELSE previous_token_hash END,
                previous_token_valid_until = CASE WHEN $5 THEN NULL ELSE previous_token_valid_until END
            WHERE id = $1
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = principal.Id });
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = by });
            cmd.Parameters.Add(new() { Value = expires });
            cmd.Parameters.Add(new() { Value = enabling });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, "principal.confirmed", new JsonObject
        {
            ["principal"] = principal.Id.ToString(),
            ["role"] = principal.Role,
            ["proposal"] = enabling ? "enable" : "create",
            ["proposedBy"] = (enabling ? principal.EnableProposedBy : principal.CreatedBy)?.ToString(),
            ["by"] = by.ToString(),
            ["tokenExpiresAt"] = Format(expires),
        }, null, ct);
        return principal with { RevokedAt = null, ActivatedAt = principal.ActivatedAt ?? now, TokenExpiresAt = expires, EnableProposedBy = null };
    }

    private static async Task<Principal?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM api.principals WHERE id = $1 FOR UPDATE", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }
}
