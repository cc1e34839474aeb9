using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;

namespace Archive.Api.Principals;

/// <summary>
/// The principals table (schema <c>api</c>). Every change is appended to the ledger in the same
/// transaction, so a principal never exists without its <c>principal.created</c> entry.
/// </summary>
public sealed class PrincipalStore(NpgsqlDataSource dataSource, ILedger ledger, IClock clock)
{
    private const string Columns = "id, name, role, organization, created_at, revoked_at";

    /// <summary>Creates a principal with a new token; returns it and the token (shown once).</summary>
    public async Task<(Principal Principal, string Token)> CreateAsync(
        string name, string role, string? organization, Guid? createdBy, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var created = await CreateAsync(conn, tx, name, role, organization, createdBy, null, ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>
    /// Creates a principal inside the caller's transaction, with <paramref name="token"/> or a new one,
    /// and appends <c>principal.created</c> in the same transaction.
    /// </summary>
    public async Task<(Principal Principal, string Token)> CreateAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string name, string role, string? organization,
        Guid? createdBy, string? token, CancellationToken ct)
    {
        token ??= BearerTokens.Generate();
        var principal = new Principal(Guid.CreateVersion7(), name, role, organization, clock.GetCurrentInstant(), null);
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO api.principals (id, name, role, organization, token_hash, created_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = principal.Id });
            cmd.Parameters.Add(new() { Value = name });
            cmd.Parameters.Add(new() { Value = role });
            cmd.Parameters.Add(new() { Value = (object?)organization ?? DBNull.Value });
            cmd.Parameters.Add(new() { Value = BearerTokens.Hash(token) });
            cmd.Parameters.Add(new() { Value = principal.CreatedAt });
            cmd.Parameters.Add(new() { Value = createdBy is { } by ? by : DBNull.Value });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, "principal.created", new JsonObject
        {
            ["principal"] = principal.Id.ToString(),
            ["role"] = role,
            ["organization"] = organization,
            ["by"] = createdBy?.ToString(),
        }, null, ct);
        return (principal, token);
    }

    /// <summary>Revokes a principal's token at once; false when it does not exist or is already revoked.</summary>
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

    /// <summary>The active principal holding <paramref name="token"/>, or null.</summary>
    public async Task<Principal?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var hash = BearerTokens.Hash(token);
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {Columns}, token_hash FROM api.principals WHERE token_hash = $1 AND revoked_at IS NULL");
        cmd.Parameters.Add(new() { Value = hash });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        // The index lookup already matched; the constant-time comparison keeps the final decision free of timing leaks.
        return CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(6), hash) ? Read(reader) : null;
    }

    /// <summary>One principal by id, or null.</summary>
    public async Task<Principal?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api.principals WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>All principals, newest first.</summary>
    public async Task<IReadOnlyList<Principal>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api.principals ORDER BY created_at DESC, id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Principal>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Whether any active admin exists.</summary>
    public async Task<bool> AnyActiveAdminAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM api.principals WHERE role = 'admin' AND revoked_at IS NULL)", conn, tx);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static Principal Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.GetFieldValue<Instant>(4), r.IsDBNull(5) ? null : r.GetFieldValue<Instant>(5));
}
