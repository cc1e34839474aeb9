using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NodaTime;
using Npgsql;

namespace Archive.Api.Principals;

/// <summary>Token look-up with expiry, and rotation by the token's owner with an overlap (令牌轮换).</summary>
public sealed partial class PrincipalStore
{
    /// <summary>What <paramref name="token"/> is: a principal's current or previous (overlapping) token, expired, pending, or unknown.</summary>
    /// <param name="token">The presented token.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<TokenCheck> AuthenticateAsync(string token, CancellationToken ct)
    {
        var hash = BearerTokens.Hash(token);
        await using var cmd = dataSource.CreateCommand(
            $"""
            SELECT {Columns}, token_hash, previous_token_hash, previous_token_valid_until FROM api.principals
            WHERE (token_hash = $1 OR previous_token_hash = $1) AND revoked_at IS NULL
            """);
        cmd.Parameters.Add(new() { Value = hash });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return TokenCheck.Unknown;
        }

        var principal = Read(reader);
        var now = clock.GetCurrentInstant();
        // The index lookup already matched; the constant-time comparisons keep the final decision free of timing leaks.
        if (CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(12), hash))
        {
            return principal.ActivatedAt is null ? new(TokenState.Pending, null)
                : principal.TokenExpiresAt is { } expires && expires <= now ? new(TokenState.Expired, null)
                : new(TokenState.Current, principal);
        }

        if (!reader.IsDBNull(13) && CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(13), hash))
        {
            return !reader.IsDBNull(14) && reader.GetFieldValue<Instant>(14) > now ? new(TokenState.Previous, principal) : new(TokenState.Expired, null);
        }

        return TokenCheck.Unknown;
    }

    /// <summary>
    /// Issues the principal a new token (returned once) with a fresh lifetime; the current one keeps working for the
    /// configured overlap (never past its own expiry), and any older one stops. <c>principal.token-rotated</c> records
    /// the SHA-256 of both, never a token.
    /// </summary>
    /// <param name="id">The principal rotating its own token.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">It is revoked or not active (<c>principal.not-found</c>).</exception>
    public async Task<(string Token, Instant ExpiresAt, Instant PreviousValidUntil)> RotateTokenAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var principal = await LockAsync(conn, tx, id, ct);
        if (principal is not { Status: "active" })
        {
            throw PrincipalException.NotFound();
        }

        var now = clock.GetCurrentInstant();
        var token = BearerTokens.Generate();
        var newHash = BearerTokens.Hash(token);
        var expires = now + tokens.LifetimeOf(principal.Role);
        var overlapEnd = now + tokens.RotationOverlap;
        if (principal.TokenExpiresAt is { } oldExpiry && oldExpiry < overlapEnd)
        {
            overlapEnd = oldExpiry;
        }

        byte[] oldHash;
        await using (var cmd = new NpgsqlCommand(
            """
            UPDATE api.principals p SET previous_token_hash = old.token_hash, previous_token_valid_until = $3,
                token_hash = $2, token_expires_at = $4
            FROM (SELECT id, token_hash FROM api.principals WHERE id = $1) old
            WHERE p.id = old.id
            RETURNING old.token_hash
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = newHash });
            cmd.Parameters.Add(new() { Value = overlapEnd });
            cmd.Parameters.Add(new() { Value = expires });
            oldHash = (byte[])(await cmd.ExecuteScalarAsync(ct))!;
        }

        await ledger.AppendInTransactionAsync(conn, tx, "principal.token-rotated", new JsonObject
        {
            ["principal"] = id.ToString(),
            ["tokenSha256"] = Convert.ToHexStringLower(newHash),
            ["tokenExpiresAt"] = Format(expires),
            ["previousTokenSha256"] = Convert.ToHexStringLower(oldHash),
            ["previousValidUntil"] = Format(overlapEnd),
        }, null, ct);
        await tx.CommitAsync(ct);
        return (token, expires, overlapEnd);
    }
}
