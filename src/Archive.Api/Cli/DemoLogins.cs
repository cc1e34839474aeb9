using System.Globalization;
using System.Text;
using Archive.Api.Console;
using Archive.Api.Hosting;
using Archive.Api.Principals;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// The console logins <c>./archive demo</c> issues so that the sample projects can be looked at with every role: one
/// principal per role (档案员, 审批人, 审计员, 审计管理员, 安全管理员), created by the bootstrap administrator, each with a console
/// login <c>demo-&lt;role&gt;</c> and a generated initial password that must be changed at first sign-in. The passwords, and
/// the API token of each principal the run creates (so the API can be tried with curl), are written to
/// <c>&lt;data&gt;/demo-logins</c> (mode 0600), never printed or logged. A second run keeps logins that
/// exist (their passwords may have been changed) and issues only the missing ones.
/// </summary>
public static class DemoLogins
{
    /// <summary>The roles given a demo login, with the display name and organisation of their principal.</summary>
    public static readonly IReadOnlyList<(string Role, string Name, string Organization)> People =
    [
        (Roles.Archivist, "演示档案员", "云南省公共资源交易中心"),
        (Roles.Approver, "演示审批人", "云南省公共资源交易中心"),
        (Roles.Auditor, "演示审计员", "云南省审计厅"),
        (Roles.AuditAdmin, "演示审计管理员", "云南省公共资源交易中心"),
        (Roles.SecurityAdmin, "演示安全管理员", "云南省公共资源交易中心"),
    ];

    /// <summary>Where the initial passwords are written.</summary>
    /// <param name="settings">The archive's settings.</param>
    public static string File(ArchiveSettings settings) => Path.Combine(settings.DataDirectory, "demo-logins");

    /// <summary>Issues the missing demo logins and writes their passwords to <see cref="File"/>.</summary>
    /// <param name="services">The import host's services.</param>
    /// <param name="console">Where the outcome goes (no password).</param>
    /// <param name="ct">Cancels the work.</param>
    public static async Task IssueAsync(IServiceProvider services, IAnsiConsole console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);
        var principals = services.GetRequiredService<PrincipalStore>();
        var logins = services.GetRequiredService<ConsoleLoginStore>();
        var path = File(services.GetRequiredService<ArchiveSettings>());
        var all = await principals.ListAsync(ct);
        var admin = all.Where(p => p.Role == Roles.Admin && p.CreatedBy is null && p.RevokedAt is null).OrderBy(p => p.CreatedAt).FirstOrDefault();
        if (admin is null)
        {
            console.MarkupLine("[yellow]没有引导管理员，未签发演示登录。[/]");
            return;
        }

        var issued = new StringBuilder();
        foreach (var (role, name, organization) in People)
        {
            var loginName = "demo-" + role;
            if (await logins.FindByNameAsync(loginName, ct) is not null)
            {
                continue;
            }

            // A principal created now hands out its API token once (for curl); one that existed keeps its own.
            var existing = all.FirstOrDefault(p => p.Name == name && p.Role == role && p.RevokedAt is null);
            var (principal, token) = existing is not null ? (existing, "—") : await principals.CreateAsync(name, role, organization, admin.Id, ct);
            if (principal.ActivatedAt is null)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(name)}（{role}）须经安全管理员确认后才能登录，未签发演示登录。[/]");
                continue;
            }

            var password = await logins.IssueAsync(principal.Id, loginName, null, admin.Id, ct);
            issued.Append(CultureInfo.InvariantCulture, $"{loginName}\t{password}\t{role}\t{name}\t{token}\n");
        }

        if (issued.Length == 0)
        {
            console.MarkupLine($"[grey]演示登录已签发（见 {Markup.Escape(path)}；首次登录须修改密码）。[/]");
            return;
        }

        var previous = System.IO.File.Exists(path) ? await System.IO.File.ReadAllTextAsync(path, ct) : "# 登录名\t初始密码\t角色\t主体（首次登录须修改密码）\tAPI 令牌（Authorization: Bearer）\n";
        await SecretFiles.WriteAsync(path, previous.TrimEnd('\n') + "\n" + issued.ToString().TrimEnd('\n'), ct);
        console.MarkupLine($"[green]已签发演示控制台登录，初始密码见 {Markup.Escape(path)}（仅本机可读，首次登录须修改密码）。[/]");
    }
}
