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

        await using var cmd = dataSource.CreateCommand(
            """
            SELECT p.id FROM api.principals p
            WHERE p.role = 'admin' AND p.created_by IS NULL AND p.revoked_at IS NULL AND p.activated_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM api.console_logins)
            ORDER BY p.created_at LIMIT 1
            """);
        if (await cmd.ExecuteScalarAsync(cancellationToken) is not Guid admin)
        {
            return;
        }

        var given = consoleSettings.BootstrapAdminPassword;
        try
        {
            var password = await logins.IssueAsync(admin, AdminLogin, given, null, cancellationToken, mustChange: given is null);
            if (given is null)
            {
                await SecretFiles.WriteAsync(PasswordFile(settings), password, cancellationToken);
            }

            LogIssued(logger, admin, given is null ? PasswordFile(settings) : "ARCHIVE_BOOTSTRAP_ADMIN_PASSWORD");
        }
        catch (ConsoleException e) when (e.Code == "console.login-name-taken")
        {
            // Another process of the archive issued it at the same moment.
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Issued the console login 'admin' to the bootstrap admin {PrincipalId}; its password is in {PasswordSource}")]
    private static partial void LogIssued(ILogger logger, Guid principalId, string passwordSource);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Encrypted {Count} TOTP secrets stored in clear by an earlier version")]
    private static partial void LogSecretsProtected(ILogger logger, int count);
}
