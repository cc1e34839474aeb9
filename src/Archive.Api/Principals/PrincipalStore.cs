using System.Text.Json.Nodes;
using Archive.Ingest.Submissions;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;

namespace Archive.Api.Principals;

/// <summary>
/// The principals table (schema <c>api</c>). Every change is appended to the ledger in the same transaction, so a
/// principal never exists without its <c>principal.created</c> or <c>principal.proposed</c> entry. Privileged
/// principals are proposed by one administrator and confirmed by another (<see cref="ConfirmAsync"/>).
/// </summary>
public sealed partial class PrincipalStore(NpgsqlDataSource dataSource, ILedger ledger, IClock clock, TokenSettings tokens)
{
    private const string Columns =
        "id, name, role, organization, created_at, revoked_at, created_by, activated_at, token_expires_at, enable_proposed_by, region_codes, code_prefixes";

    /// <summary>Creates (or proposes) a principal with a new token; returns it and the token (shown once).</summary>
    /// <param name="name">Display name.</param>
    /// <param name="role">One of <see cref="Roles"/>.</param>
    /// <param name="organization">Organisation or platform.</param>
    /// <param name="createdBy">The administrator creating it.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <param name="codes">For a trading system, the codes it may submit, bound in the same transaction.</param>
    public async Task<(Principal Principal, string Token)> CreateAsync(
        string name, string role, string? organization, Guid? createdBy, CancellationToken ct, CodeOwnership? codes = null)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (principal, token) = await CreateAsync(conn, tx, name, role, organization, createdBy, null, ct);
        if (codes is not null)
        {
            principal = await BindCodesAsync(conn, tx, principal.Id, codes, createdBy, ct);
        }

        await tx.CommitAsync(ct);
        return (principal, token);
    }

    /// <summary>
    /// Creates a principal inside the caller's transaction, with <paramref name="token"/> or a new one. It is active at
    /// once (<c>principal.created</c>) when its role needs no confirmation, when there is no creator (the bootstrap
    /// admin), or when the bootstrap admin creates the first principal ever of that role; otherwise it is proposed
    /// (<c>principal.proposed</c>) and acts only once a security administrator confirms it.
    /// </summary>
    /// <param name="conn">An open connection.</param>
    /// <param name="tx">Its transaction.</param>
    /// <param name="name">Display name.</param>
    /// <param name="role">One of <see cref="Roles"/>.</param>
    /// <param name="organization">Organisation or platform.</param>
    /// <param name="createdBy">The administrator creating it; null only for the bootstrap admin itself.</param>
    /// <param name="token">The token to give it, or null for a new one.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<(Principal Principal, string Token)> CreateAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string name, string role, string? organization,
        Guid? createdBy, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(role);
        token ??= BearerTokens.Generate();
        var now = clock.GetCurrentInstant();
        var bootstrapFirst = createdBy is { } creator && Roles.NeedsConfirmation(role) && await IsBootstrapFirstAsync(conn, tx, creator, role, ct);
        var active = !Roles.NeedsConfirmation(role) || createdBy is null || bootstrapFirst;
        var principal = new Principal(Guid.CreateVersion7(), name, role, organization, now, null)
        {
            CreatedBy = createdBy,
            ActivatedAt = active ? now : null,
            TokenExpiresAt = now + tokens.LifetimeOf(role),
        };
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO api.principals (id, name, role, organization, token_hash, created_at, created_by, activated_at, token_expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = principal.Id });
            cmd.Parameters.Add(new() { Value = name });
            cmd.Parameters.Add(new() { Value = role });
            cmd.Parameters.Add(new() { Value = (object?)organization ?? DBNull.Value });
            cmd.Parameters.Add(new() { Value = BearerTokens.Hash(token) });
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = createdBy is { } by ? by : DBNull.Value });
            cmd.Parameters.Add(new() { Value = active ? now : DBNull.Value });
            cmd.Parameters.Add(new() { Value = principal.TokenExpiresAt });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        var fields = new JsonObject
        {
            ["principal"] = principal.Id.ToString(),
            ["role"] = role,
            ["organization"] = organization,
            ["by"] = createdBy?.ToString(),
            ["tokenExpiresAt"] = Format(principal.TokenExpiresAt.Value),
        };
        if (bootstrapFirst)
        {
            fields["bootstrapFirstOfRole"] = true;
        }
        else if (!active)
        {
            fields["proposal"] = "create";
        }

        await ledger.AppendInTransactionAsync(conn, tx, active ? "principal.created" : "principal.proposed", fields, null, ct);
        return (principal, token);
    }

    /// <summary>One principal by id, or null.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<Principal?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api.principals WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>All principals, newest first.</summary>
    /// <param name="ct">Cancels the read.</param>
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
    /// <param name="conn">An open connection.</param>
    /// <param name="tx">Its transaction.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<bool> AnyActiveAdminAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM api.principals WHERE role = 'admin' AND revoked_at IS NULL AND activated_at IS NOT NULL)", conn, tx);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // The bootstrap admin (an admin nobody created) may create the first principal of each role; the role's lock makes
    // two concurrent "firsts" impossible. Any earlier principal of the role, even revoked or pending, ends the exception.
    private static async Task<bool> IsBootstrapFirstAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid creator, string role, CancellationToken ct)
    {
        // A statement of its own: the check below must see rows committed while this one waited for the lock.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('api.principals.first-of-role:' || $1, 0))", conn, tx))
        {
            lockCmd.Parameters.Add(new() { Value = role });
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM api.principals WHERE id = $1 AND role = 'admin' AND created_by IS NULL)
               AND NOT EXISTS (SELECT 1 FROM api.principals WHERE role = $2)
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = creator });
        cmd.Parameters.Add(new() { Value = role });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string Format(Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);

    private static Principal Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.GetFieldValue<Instant>(4), r.IsDBNull(5) ? null : r.GetFieldValue<Instant>(5))
    {
        CreatedBy = r.IsDBNull(6) ? null : r.GetGuid(6),
        ActivatedAt = r.IsDBNull(7) ? null : r.GetFieldValue<Instant>(7),
        TokenExpiresAt = r.IsDBNull(8) ? null : r.GetFieldValue<Instant>(8),
        EnableProposedBy = r.IsDBNull(9) ? null : r.GetGuid(9),
        Codes = new CodeOwnership(r.GetFieldValue<string[]>(10), r.GetFieldValue<string[]>(11)),
    };
}
