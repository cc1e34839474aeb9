using Archive.Api.Principals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Admin;

/// <summary>系统管理 (administration): principals and their logins (paged), proposals awaiting confirmation, and the tools.</summary>
[Authorize(Roles = AdminRoles.Any)]
public sealed class IndexModel(PrincipalStore principals, ConsoleLoginStore logins) : PageModel
{
    /// <summary>The page of principals shown.</summary>
    public IReadOnlyList<Principal> Principals { get; private set; } = [];

    /// <summary>Principals awaiting a security administrator's confirmation.</summary>
    public IReadOnlyList<Principal> Pending { get; private set; } = [];

    /// <summary>Login names by principal.</summary>
    public IReadOnlyDictionary<Guid, (string LoginName, bool Totp)> Logins { get; private set; } = new Dictionary<Guid, (string, bool)>();

    /// <summary>The paging of the list.</summary>
    public ConsolePaging Paging { get; private set; } = null!;

    public async Task OnGetAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var all = await principals.ListAsync(ct);
        Logins = await logins.ListAsync(ct);
        Pending = all.Where(p => p.Status == "pending").ToList();
        Paging = ConsolePaging.Of(page, pageSize, all.Count, "/admin");
        Principals = all.Skip(Paging.Offset).Take(Paging.PageSize).ToList();
    }
}
