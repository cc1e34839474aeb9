using System.Security.Claims;
using Archive.Api.Principals;

namespace Archive.Api.Console;

/// <summary>The console's screens (导航) and which roles see each; the pages themselves enforce the same roles.</summary>
public static class ConsoleNavigation
{
    /// <summary>Every screen, in menu order.</summary>
    public static IReadOnlyList<ConsoleScreen> Screens { get; } =
    [
        new("工作台", "/", Roles.All.Where(r => r != Roles.Ingest).ToArray()),
        new("档案检索", "/catalogue", [Roles.Archivist, Roles.Auditor]),
        new("查阅申请", "/access", [Roles.Archivist, Roles.Approver, Roles.Auditor]),
        new("检测与修复", "/verification", [Roles.Archivist, Roles.Admin]),
        new("统计报表", "/statistics", [Roles.Archivist, Roles.Approver, Roles.Admin, Roles.AuditAdmin]),
        new("系统管理", "/admin", [Roles.Admin, Roles.SecurityAdmin, Roles.AuditAdmin]),
    ];

    /// <summary>The screens <paramref name="user"/> may open.</summary>
    /// <param name="user">The signed-in user.</param>
    public static IEnumerable<ConsoleScreen> For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.FindFirstValue(ClaimTypes.Role);
        return Screens.Where(s => role is not null && s.Roles.Contains(role, StringComparer.Ordinal));
    }

    /// <summary>The Chinese name of <paramref name="role"/>.</summary>
    /// <param name="role">One of <see cref="Roles"/>.</param>
    public static string RoleName(string? role) => role switch
    {
        Roles.Ingest => "交易系统",
        Roles.Archivist => "档案管理员",
        Roles.Approver => "审批人",
        Roles.Auditor => "监督/审计人员",
        Roles.Admin => "系统管理员",
        Roles.SecurityAdmin => "安全管理员",
        Roles.AuditAdmin => "安全审计员",
        _ => role ?? "",
    };
}
