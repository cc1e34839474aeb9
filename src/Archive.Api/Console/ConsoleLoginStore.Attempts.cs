using System.Text.Json.Nodes;
using NodaTime;
using Npgsql;

namespace Archive.Api.Console;

/// <summary>Failed attempts and lockout (登录失败与锁定), password change and the TOTP second factor.</summary>
public sealed partial class ConsoleLoginStore
{
    /// <summary>
    /// Counts a failed sign-in of <paramref name="login"/> (<c>console.sign-in-failed</c>); the failure that reaches
    /// <see cref="ConsoleSettings.LockoutFailures"/> inside the window locks the login for the window's length
    /// (<c>console.locked-out</c>). Returns the end of that lockout, or null.
    /// </summary>
    /// <param name="login">The login.</param>
    /// <param name="reason"><c>password</c> or <c>totp</c>.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<Instant?> RecordFailureAsync(ConsoleLogin login, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(login);
        var now = clock.GetCurrentInstant();
        var window = Duration.FromTimeSpan(settings.FailureWindow);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int count;
        await using (var cmd = new NpgsqlCommand(
            """
            UPDATE api.console_logins SET
                failed_count = CASE WHEN first_failed_at IS NULL OR first_failed_at <= $3 THEN 1 ELSE failed_count + 1 END,
                first_failed_at = CASE WHEN first_failed_at IS NULL OR first_failed_at <= $3 THEN $2 ELSE first_failed_at END
            WHERE principal_id = $1
            RETURNING failed_count
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = login.PrincipalId });
            cmd.Parameters.Add(new() { Value = now });
            cmd.Parameters.Add(new() { Value = now - window });
            count = (int)(await cmd.ExecuteScalarAsync(ct))!;
        }

        await ledger.AppendInTransactionAsync(conn, tx, "console.sign-in-failed", new JsonObject
        {
            ["principal"] = login.PrincipalId.ToString(),
            ["loginName"] = login.LoginName,
            ["reason"] = reason,
            ["failures"] = count,
        }, null, ct);
        Instant? lockedUntil = null;
        if (count >= settings.LockoutFailures)
        {
            lockedUntil = now + window;
            await using (var cmd = new NpgsqlCommand(
                "UPDATE api.console_logins SET locked_until = $2, failed_count = 0, first_failed_at = NULL WHERE principal_id = $1", conn, tx))
            {
                cmd.Parameters.Add(new() { Value = login.PrincipalId });
                cmd.Parameters.Add(new() { Value = lockedUntil.Value });
                await cmd.ExecuteNonQueryAsync(ct);
            }

            await ledger.AppendInTransactionAsync(conn, tx, "console.locked-out", new JsonObject
            {
                ["principal"] = login.PrincipalId.ToString(),
                ["loginName"] = login.LoginName,
                ["failures"] = count,
                ["until"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(lockedUntil.Value),
            }, null, ct);
        }

        await tx.CommitAsync(ct);
        return lockedUntil;
    }

    /// <summary>Clears the failure count after a successful password check.</summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task ClearFailuresAsync(Guid principalId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE api.console_logins SET failed_count = 0, first_failed_at = NULL, locked_until = NULL WHERE principal_id = $1");
        cmd.Parameters.Add(new() { Value = principalId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets a new password chosen by the user (<c>console.password-changed</c>).</summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="password">The new password.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ConsoleException">The password is too weak.</exception>
    public async Task ChangePasswordAsync(Guid principalId, string? password, CancellationToken ct)
    {
        CheckPassword(password);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("UPDATE api.console_logins SET password_hash = $2, must_change = false WHERE principal_id = $1", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = principalId });
            cmd.Parameters.Add(new() { Value = Hasher.HashPassword(null!, password!) });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, "console.password-changed", new JsonObject { ["principal"] = principalId.ToString() }, null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Enrols <paramref name="secret"/> as the login's TOTP second factor (<c>console.totp-enrolled</c>).</summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="secret">The secret the user's app now holds.</param>
    /// <param name="step">The step of the code that proved it.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task EnrolTotpAsync(Guid principalId, byte[] secret, long step, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("UPDATE api.console_logins SET totp_secret = $2, totp_last_step = $3 WHERE principal_id = $1", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = principalId });
            cmd.Parameters.Add(new() { Value = totpSecrets.Protect(secret) });
            cmd.Parameters.Add(new() { Value = step });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, "console.totp-enrolled", new JsonObject { ["principal"] = principalId.ToString() }, null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Records that the code of <paramref name="step"/> was used; false when that step (or a later one) was used already.</summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="step">The step of the accepted code.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<bool> UseTotpStepAsync(Guid principalId, long step, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE api.console_logins SET totp_last_step = $2 WHERE principal_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)");
        cmd.Parameters.Add(new() { Value = principalId });
        cmd.Parameters.Add(new() { Value = step });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Encrypts the TOTP secrets enrolled before secrets were encrypted (idempotent; safe when several processes start
    /// at once: a row is rewritten only while it still holds the clear secret).
    /// </summary>
    /// <param name="ct">Cancels the work.</param>
    /// <returns>How many secrets were encrypted.</returns>
    public async Task<int> ProtectClearTotpSecretsAsync(CancellationToken ct)
    {
        var clear = new List<(Guid Principal, byte[] Secret)>();
        await using (var cmd = dataSource.CreateCommand("SELECT principal_id, totp_secret FROM api.console_logins WHERE length(totp_secret) = $1"))
        {
            cmd.Parameters.Add(new() { Value = TotpSecretProtector.ClearSecretLength });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                clear.Add((r.GetGuid(0), r.GetFieldValue<byte[]>(1)));
            }
        }

        var done = 0;
        foreach (var (principal, secret) in clear)
        {
            await using var update = dataSource.CreateCommand("UPDATE api.console_logins SET totp_secret = $2 WHERE principal_id = $1 AND totp_secret = $3");
            update.Parameters.Add(new() { Value = principal });
            update.Parameters.Add(new() { Value = totpSecrets.Protect(secret) });
            update.Parameters.Add(new() { Value = secret });
            done += await update.ExecuteNonQueryAsync(ct);
        }

        return done;
    }
}
