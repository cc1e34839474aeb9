using Archive.Api.Hosting;
using Archive.Api.Principals;
using Npgsql;

namespace Archive.Api.Console;

/// <summary>
/// Gives the bootstrap administrator (the admin nobody created) the console login <c>admin</c> on the first start
/// that has no console login at all: with <c>ARCHIVE_BOOTSTRAP_ADMIN_PASSWORD</c> when given, else with a generated
/// password written to <c>&lt;data&gt;/admin-password</c> (mode 0600) that must be changed at first sign-in. Runs
/// after <see cref="StartupTasks"/> (registered after it). It also encrypts TOTP secrets an earlier version stored in clear.
/// </summary>
public sealed partial class ConsoleBootstrap(
    NpgsqlDataSource dataSource, ConsoleLoginStore logins, ConsoleSettings consoleSettings, ArchiveSettings settings, ILogger<ConsoleBootstrap> logger)
    : IHostedService
{
    /// <summary>The bootstrap administrator's login name.</summary>
    public const string AdminLogin = "admin";

    // Any fixed 64-bit key shared by every process of the archive ("ConsAdm1").
    private const long LockKey = 0x436F6E7341646D31;

    /// <summary>Where a generated initial password is written.</summary>
    /// <param name="settings">The archive's settings.</param>
    public static string PasswordFile(ArchiveSettings settings) => Path.Combine(settings.DataDirectory, "admin-password");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await logins.ProtectClearTotpSecretsAsync(cancellationToken) is > 0 and var protectedCount)
        {
            LogSecretsProtected(logger, protectedCount);
        }

        // Processes starting at the same moment take turns: the first issues the login and writes the password file,
        // the others then find a console login and leave both alone (two issues would reset each other's password).
        await using var guard = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock($1)", guard))
        {
            lockCmd.Parameters.Add(new() { Value = LockKey });
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await IssueAdminLoginAsync(guard, cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", guard);
            unlock.Parameters.Add(new() { Value = LockKey });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task IssueAdminLoginAsync(NpgsqlConnection conn, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT p.id FROM api.principals p
            WHERE p.role = 'admin' AND p.created_by IS NULL AND p.revoked_at IS NULL AND p.activated_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM api.console_logins)
            ORDER BY p.created_at LIMIT 1
            """, conn);
        if (await cmd.ExecuteScalarAsync(cancellationToken) is not Guid admin)
        {
            return;
        }

        var given = consoleSettings.BootstrapAdminPassword;
        var password = await logins.IssueAsync(admin, AdminLogin, given, null, cancellationToken, mustChange: given is null);
        if (given is null)
        {
            await SecretFiles.WriteAsync(PasswordFile(settings), password, cancellationToken);
        }

        LogIssued(logger, admin, given is null ? PasswordFile(settings) : "ARCHIVE_BOOTSTRAP_ADMIN_PASSWORD");
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Issued the console login 'admin' to the bootstrap admin {PrincipalId}; its password is in {PasswordSource}")]
    private static partial void LogIssued(ILogger logger, Guid principalId, string passwordSource);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Encrypted {Count} TOTP secrets stored in clear by an earlier version")]
    private static partial void LogSecretsProtected(ILogger logger, int count);
}
