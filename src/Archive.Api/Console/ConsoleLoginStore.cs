using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Integrity.Ledger;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using Npgsql;

namespace Archive.Api.Console;

/// <summary>
/// The console logins table (<c>api.console_logins</c>). Issuing or resetting a login is ledgered in the same
/// transaction (<c>console.login-issued</c>, <c>console.login-reset</c>) with the login name, never a password.
/// </summary>
public sealed partial class ConsoleLoginStore(NpgsqlDataSource dataSource, ILedger ledger, IClock clock, ConsoleSettings settings, TotpSecretProtector totpSecrets)
{
    private const string Columns = "principal_id, login_name, password_hash, must_change, totp_secret, totp_last_step, locked_until";
    private static readonly PasswordHasher<ConsoleLogin> Hasher = new();

    /// <summary>Minimum length of a password.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>
    /// Issues (or resets) the console login of <paramref name="principalId"/>: the password is an initial one the user
    /// must change at first sign-in; a reset also removes the TOTP enrolment, any lockout and every open session.
    /// </summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="loginName">The login name (letters, digits, <c>._-</c>; 2–64 characters; stored lower case).</param>
    /// <param name="password">The initial password, or null to generate one.</param>
    /// <param name="issuedBy">The administrator, or null for the bootstrap.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <param name="mustChange">Whether the user must change the password at first sign-in (false only for an operator-chosen bootstrap password).</param>
    /// <returns>The initial password (shown once).</returns>
    /// <exception cref="ConsoleException">The name or password is invalid, the name is taken, or the principal does not exist.</exception>
    public async Task<string> IssueAsync(Guid principalId, string loginName, string? password, Guid? issuedBy, CancellationToken ct, bool mustChange = true)
    {
        var name = NormaliseName(loginName);
        password ??= GeneratePassword();
        CheckPassword(password);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var check = new NpgsqlCommand("SELECT principal_id FROM api.console_logins WHERE login_name = $1", conn, tx))
        {
            check.Parameters.Add(new() { Value = name });
            if (await check.ExecuteScalarAsync(ct) is Guid owner && owner != principalId)
            {
                throw new ConsoleException(ErrorKind.Conflict, "console.login-name-taken", $"登录名“{name}”已被其他主体使用。", "loginName");
            }
        }

        await using (var exists = new NpgsqlCommand("SELECT revoked_at IS NULL FROM api.principals WHERE id = $1 FOR UPDATE", conn, tx))
        {
            exists.Parameters.Add(new() { Value = principalId });
            if (await exists.ExecuteScalarAsync(ct) is not true)
            {
                throw new ConsoleException(ErrorKind.NotFound, "principal.not-found", "主体不存在或已被吊销。");
            }
        }

        var now = clock.GetCurrentInstant();
        bool reset;
        await using (var cmd = new NpgsqlCommand(
            """
            INSERT INTO api.console_logins AS l (principal_id, login_name, password_hash, must_change, issued_at, issued_by)
            VALUES ($1, $2, $3, $6, $4, $5)
            ON CONFLICT (principal_id) DO UPDATE SET login_name = $2, password_hash = $3, must_change = $6, totp_secret = NULL,
                totp_last_step = NULL, failed_count = 0, first_failed_at = NULL, locked_until = NULL, issued_at = $4, issued_by = $5
            RETURNING (xmax::text <> '0')
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = principalId });
            cmd.Parameters.Add(new() { Value = name });
            cmd.Parameters.Add(new() { Value = Hasher.HashPassword(null!, password) });
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = issuedBy is { } by ? by : DBNull.Value });
            cmd.Parameters.Add(new() { Value = mustChange });
            reset = (bool)(await cmd.ExecuteScalarAsync(ct))!;
        }

        await using (var end = new NpgsqlCommand("UPDATE api.console_sessions SET ended_at = $2 WHERE principal_id = $1 AND ended_at IS NULL", conn, tx))
        {
            end.Parameters.Add(new() { Value = principalId });
            end.Parameters.Add(new() { Value = now });
            await end.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, reset ? "console.login-reset" : "console.login-issued", new JsonObject
        {
            ["principal"] = principalId.ToString(),
            ["loginName"] = name,
            ["by"] = issuedBy?.ToString(),
        }, null, ct);
        await tx.CommitAsync(ct);
        return password;
    }

    /// <summary>The login named <paramref name="loginName"/>, or null.</summary>
    /// <param name="loginName">The login name as entered.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<ConsoleLogin?> FindByNameAsync(string loginName, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api.console_logins WHERE login_name = $1");
        cmd.Parameters.Add(new() { Value = loginName.Trim().ToLowerInvariant() });
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>The login of <paramref name="principalId"/>, or null.</summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<ConsoleLogin?> FindAsync(Guid principalId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM api.console_logins WHERE principal_id = $1");
        cmd.Parameters.Add(new() { Value = principalId });
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Every login's name by principal, and whether a second factor is enrolled.</summary>
    /// <param name="ct">Cancels the read.</param>
    public async Task<IReadOnlyDictionary<Guid, (string LoginName, bool Totp)>> ListAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT principal_id, login_name, totp_secret IS NOT NULL FROM api.console_logins");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var names = new Dictionary<Guid, (string, bool)>();
        while (await r.ReadAsync(ct))
        {
            names[r.GetGuid(0)] = (r.GetString(1), r.GetBoolean(2));
        }

        return names;
    }

    /// <summary>Whether <paramref name="password"/> is the login's password (constant-time PBKDF2 comparison).</summary>
    /// <param name="login">The login.</param>
    /// <param name="password">The password entered.</param>
    public static bool PasswordMatches(ConsoleLogin login, string password)
    {
        ArgumentNullException.ThrowIfNull(login);
        return Hasher.VerifyHashedPassword(login, login.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>Refuses a password shorter than <see cref="MinPasswordLength"/> or with control characters.</summary>
    /// <param name="password">The candidate.</param>
    /// <exception cref="ConsoleException">It is too weak (<c>console.password-weak</c>).</exception>
    public static void CheckPassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > 200 || password.Any(char.IsControl))
        {
            throw new ConsoleException(ErrorKind.Invalid, "console.password-weak", $"密码至少 {MinPasswordLength} 个字符（最多 200 个），且不得含控制字符。", "password");
        }
    }

    /// <summary>A new random password of 16 characters from an alphabet without look-alike characters.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    private static string NormaliseName(string? loginName)
    {
        var name = loginName?.Trim().ToLowerInvariant() ?? "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9._-]{1,63}$"))
        {
            throw new ConsoleException(ErrorKind.Invalid, "console.login-name", "登录名为 2–64 个字符，只能含字母、数字及 . _ -，并以字母或数字开头。", "loginName");
        }

        return name;
    }

    private async Task<ConsoleLogin?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new ConsoleLogin(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetBoolean(3),
                r.IsDBNull(4) ? null : totpSecrets.Reveal(r.GetFieldValue<byte[]>(4)), r.IsDBNull(5) ? null : r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<Instant>(6))
            : null;
    }
}
