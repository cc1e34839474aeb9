using Archive.Integrity.Database;

namespace Archive.Api.Hosting;

/// <summary>
/// The database half of start-up after the migrations: grants the runtime role (<c>ARCHIVE_DB</c>) what it needs when
/// the migrations ran as another role (<c>ARCHIVE_DB_OWNER</c>), then checks that the runtime role cannot rewrite the
/// ledger — a loud warning, or a refusal under <c>ARCHIVE_DB_STRICT=true</c>.
/// </summary>
internal static partial class DatabaseRoles
{
    public const string PrivilegedCode = "startup.db-role-privileged";

    public static async Task SecureAsync(ArchiveSettings settings, ILogger logger, CancellationToken ct)
    {
        var runtime = await RuntimeRole.InspectAsync(settings.Database, ct);
        var owner = await RuntimeRole.InspectAsync(settings.DatabaseOwner, ct);
        if (!string.Equals(runtime.Name, owner.Name, StringComparison.Ordinal))
        {
            await RuntimeGrants.ApplyAsync(settings.DatabaseOwner, runtime.Name, ct);
        }

        if (!runtime.CanRewriteLedger)
        {
            return;
        }

        LogPrivileged(logger, PrivilegedCode, runtime.Name, runtime.IsSuperuser, runtime.OwnsLedger);
        if (settings.DatabaseStrict)
        {
            throw new StartupRefusedException(
                PrivilegedCode,
                $"运行时数据库角色 {runtime.Name} 是超级用户或账本表的所有者，可关闭只追加触发器并改写账本；" +
                "请以 ARCHIVE_DB_OWNER 指定迁移（所有者）角色，ARCHIVE_DB 使用仅有所需权限的应用角色。");
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Critical,
        Message = "{Code}: the runtime database role {Role} can rewrite the ledger (superuser: {IsSuperuser}, owns ledger tables: {OwnsLedger}). " +
                  "Run migrations as a separate owner role (ARCHIVE_DB_OWNER) and connect as an application role; ARCHIVE_DB_STRICT=true refuses to start.")]
    private static partial void LogPrivileged(ILogger logger, string code, string role, bool isSuperuser, bool ownsLedger);
}
