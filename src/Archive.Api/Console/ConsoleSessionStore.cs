using System.Security.Cryptography;
using NodaTime;
using Npgsql;

namespace Archive.Api.Console;

/// <summary>
/// Server-side console sessions (控制台会话, <c>api.console_sessions</c>). The browser's cookie carries 256 random
/// bits; only their SHA-256 is stored, so a copy of the table opens no session. A session ends when signed out, after
/// <see cref="ConsoleSettings.IdleTimeout"/> unused, or <see cref="ConsoleSettings.AbsoluteLifetime"/> after sign-in.
/// </summary>
public sealed class ConsoleSessionStore(NpgsqlDataSource dataSource, IClock clock, ConsoleSettings settings)
{
    /// <summary>Opens a session at <paramref name="stage"/> and returns its id for the cookie.</summary>
    /// <param name="principalId">Who signed in.</param>
    /// <param name="stage">Where the sign-in stands.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<string> CreateAsync(Guid principalId, ConsoleStage stage, CancellationToken ct)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetCurrentInstant();
        await using var cmd = dataSource.CreateCommand(
            "INSERT INTO api.console_sessions (id_hash, principal_id, stage, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)");
        cmd.Parameters.Add(new() { Value = Hash(id) });
        cmd.Parameters.Add(new() { Value = principalId });
        cmd.Parameters.Add(new() { Value = Name(stage) });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now + Duration.FromTimeSpan(settings.AbsoluteLifetime) });
        await cmd.ExecuteNonQueryAsync(ct);
        return id;
    }

    /// <summary>The open session <paramref name="id"/> (marked as used now), or null when it is unknown, ended or expired.</summary>
    /// <param name="id">The cookie's session id.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<(Guid PrincipalId, ConsoleStage Stage)?> TouchAsync(string id, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var cmd = dataSource.CreateCommand(
            """
            UPDATE api.console_sessions SET last_seen_at = $2
            WHERE id_hash = $1 AND ended_at IS NULL AND expires_at > $2 AND last_seen_at > $3
            RETURNING principal_id, stage
            """);
        cmd.Parameters.Add(new() { Value = Hash(id) });
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = now - Duration.FromTimeSpan(settings.IdleTimeout) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetGuid(0), Parse(r.GetString(1))) : null;
    }

    /// <summary>Moves the open session <paramref name="id"/> from <paramref name="from"/> to <paramref name="to"/>; false when it was not there.</summary>
    /// <param name="id">The cookie's session id.</param>
    /// <param name="from">The stage it must be at.</param>
    /// <param name="to">The next stage.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<bool> AdvanceAsync(string id, ConsoleStage from, ConsoleStage to, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE api.console_sessions SET stage = $3 WHERE id_hash = $1 AND stage = $2 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = Hash(id) });
        cmd.Parameters.Add(new() { Value = Name(from) });
        cmd.Parameters.Add(new() { Value = Name(to) });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Ends the session <paramref name="id"/>; returns its principal when it was open.</summary>
    /// <param name="id">The cookie's session id.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<Guid?> EndAsync(string id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE api.console_sessions SET ended_at = $2 WHERE id_hash = $1 AND ended_at IS NULL RETURNING principal_id");
        cmd.Parameters.Add(new() { Value = Hash(id) });
        cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        return await cmd.ExecuteScalarAsync(ct) is Guid principal ? principal : null;
    }

    /// <summary>Ends every open session of <paramref name="principalId"/> (its principal was revoked).</summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task EndAllAsync(Guid principalId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE api.console_sessions SET ended_at = $2 WHERE principal_id = $1 AND ended_at IS NULL");
        cmd.Parameters.Add(new() { Value = principalId });
        cmd.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static byte[] Hash(string id) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(id));

    private static string Name(ConsoleStage stage) => stage switch
    {
        ConsoleStage.Password => "password",
        ConsoleStage.Totp => "totp",
        _ => "active",
    };

    private static ConsoleStage Parse(string stage) => stage switch
    {
        "password" => ConsoleStage.Password,
        "totp" => ConsoleStage.Totp,
        _ => ConsoleStage.Active,
    };
}
