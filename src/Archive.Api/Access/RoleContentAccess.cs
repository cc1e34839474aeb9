using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Api.Principals;

namespace Archive.Api.Access;

/// <summary>
/// Access by role alone: archivists (专人负责档案管理) read and copy everything; every other role is refused with
/// <c>access.no-grant</c>. The grant workflow replaces this registration with one that also consults grants.
/// </summary>
public sealed class RoleContentAccess : IContentAccess
{
    /// <inheritdoc />
    public Task<AccessDecision> AuthorizeAsync(ClaimsPrincipal user, string projectCode, ContentScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.PrincipalId();
        var role = user.Role() ?? string.Empty;
        var organization = user.FindFirstValue(ArchiveClaims.Organization);
        return Task.FromResult(role == Roles.Archivist
            ? AccessDecision.Allow(id, role, organization, grantId: null)
            : AccessDecision.Deny(id, role.Length == 0 ? "unknown" : role, organization, "access.no-grant",
                scope == ContentScope.Copy
                    ? "无权复制该项目档案：须持有经审批且在有效期内的复制授权。"
                    : "无权查阅该项目档案：须持有经审批且在有效期内的查阅授权。"));
    }
}
