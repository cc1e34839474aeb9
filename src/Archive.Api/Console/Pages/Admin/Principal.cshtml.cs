using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Admin;

/// <summary>
/// One principal (主体): its console login (issue or reset), revocation, re-enabling, confirmation of a proposal
/// (two-person rule) and, for a trading system, its codes — each through the same service as the API, with the same
/// roles as the API's endpoints.
/// </summary>
[Authorize(Roles = AdminRoles.Any)]
public sealed class PrincipalModel(PrincipalStore principals, ConsoleLoginStore logins) : PageModel
{
    /// <summary>The principal.</summary>
    public Principal Principal { get; private set; } = null!;

    /// <summary>Its console login, if any.</summary>
    public ConsoleLogin? Login { get; private set; }

    /// <summary>The refusal to show, if any.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>What was done, to show once.</summary>
    public string? Notice { get; private set; }

    /// <summary>A secret to show once (initial password or token).</summary>
    public string? Secret { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostLoginAsync(Guid id, string? loginName, string? password, CancellationToken ct) =>
        ActAsync(id, [Roles.Admin], async () =>
        {
            var issued = await ConsoleLoginsApi.IssueAsync(id, loginName, string.IsNullOrEmpty(password) ? null : password, principals, logins, User.PrincipalId(), ct);
            Notice = $"已签发登录账号“{issued.LoginName}”。初始密码只显示这一次，请当面或以安全方式交给使用人；首次登录须修改。";
            Secret = issued.InitialPassword;
        }, ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, [Roles.Admin, Roles.SecurityAdmin], async () =>
        {
            await PrincipalsApi.RevokeCheckedAsync(id, principals, User.PrincipalId(), ct);
            Notice = "已吊销（或已驳回申请），其令牌与控制台会话立即失效。";
        }, ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, [Roles.Admin], async () =>
        {
            var (enabled, token) = await principals.ProposeEnableAsync(id, User.PrincipalId(), ct);
            Notice = enabled.Status == "pending" ? "已提出重新启用申请，须由另一名安全管理员复核后生效。新令牌只显示这一次：" : "已重新启用。新令牌只显示这一次：";
            Secret = token;
        }, ct);

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, [Roles.SecurityAdmin], async () =>
        {
            await principals.ConfirmAsync(id, User.PrincipalId(), ct);
            Notice = "已复核确认，该主体现已生效。";
        }, ct);

    public Task<IActionResult> OnPostCodesAsync(Guid id, string? regions, string? codePrefixes, CancellationToken ct) =>
        ActAsync(id, [Roles.Admin], async () =>
        {
            var codes = new CodeOwnership(Split(regions), Split(codePrefixes));
            PrincipalsApi.CheckCodes(codes);
            await principals.BindCodesAsync(id, codes, User.PrincipalId(), ct);
            Notice = "已登记编号归属。";
        }, ct);

    private async Task<IActionResult> ActAsync(Guid id, string[] roles, Func<Task> action, CancellationToken ct)
    {
        if (!roles.Any(User.IsInRole))
        {
            return Forbid();
        }

        try
        {
            await action();
        }
        catch (ArchiveException e)
        {
            Refusal = ConsoleRefusal.Of(e);
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await principals.FindAsync(id, ct) is not { } principal)
        {
            return false;
        }

        Principal = principal;
        Login = await logins.FindAsync(id, ct);
        return true;
    }

    private static string[] Split(string? text) =>
        (text ?? "").Split([',', '，', ' ', '\n', '\r', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
