using Archive.Api.Hosting;
using Npgsql;

namespace Archive.Api.Principals;

/// <summary>
/// Creates the first <c>admin</c> on first start (CONTRACT §1): with <c>ARCHIVE_BOOTSTRAP_ADMIN_TOKEN</c>
/// when given, else with a generated token written to <c>&lt;data&gt;/admin-token</c> (mode 0600).
/// Safe when several processes start at once.
/// </summary>
public sealed partial class BootstrapAdmin(NpgsqlDataSource dataSource, PrincipalStore principals, ArchiveSettings settings, ILogger<BootstrapAdmin> logger)
{
    // Any fixed 64-bit key shared by every process of the archive.
    private const long LockKey = 0x4172636841646D31;

    /// <summary>Ensures an active admin exists.</summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
        {
            lockCmd.Parameters.Add(new() { Value = LockKey });
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        if (await principals.AnyActiveAdminAsync(conn, tx, ct))
        {
            return;
        }

        var token = settings.BootstrapAdminToken;
        if (token is not null && !BearerTokens.IsPlausible(token))
        {
            throw new InvalidOperationException("ARCHIVE_BOOTSTRAP_ADMIN_TOKEN must be 16 to 512 printable ASCII characters.");
        }

        var generated = token is null;
        token ??= BearerTokens.Generate();
        if (generated)
        {
            await SecretFiles.WriteAsync(settings.AdminTokenFile, token, ct);
        }

        var (admin, _) = await principals.CreateAsync(conn, tx, "bootstrap-admin", Roles.Admin, null, null, token, ct);
        await tx.CommitAsync(ct);
        LogCreated(logger, admin.Id, generated ? settings.AdminTokenFile : "ARCHIVE_BOOTSTRAP_ADMIN_TOKEN");
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Created bootstrap admin {PrincipalId}; its token is in {TokenSource}")]
    private static partial void LogCreated(ILogger logger, Guid principalId, string tokenSource);
}
