using System.Security.Claims;
using System.Text;
using Archive.Api.Access;
using Archive.Api.Auth;
using Archive.Api.Principals;
using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>
/// The content gate with grants (CONTRACT §7): archivists by role; auditors only through an approved grant that is
/// active now (by the host's <see cref="IClock"/>), names the project and covers the scope (a copy grant also reads);
/// everyone else never. An allowed auditor's decision carries the <see cref="ActiveGrant"/> for the ledger entry,
/// the watermark and masking.
/// </summary>
public sealed class GrantContentAccess(AccessRequestStore store, IClock clock) : IContentAccess
{
    /// <inheritdoc />
    public async Task<AccessDecision> AuthorizeAsync(ClaimsPrincipal user, string projectCode, ContentScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(projectCode);
        var id = user.PrincipalId();
        var role = user.Role() is { Length: > 0 } r ? r : "unknown";
        var organization = user.FindFirstValue(ArchiveClaims.Organization);
        if (role == Roles.Archivist)
        {
            return AccessDecision.Allow(id, role, organization, grantId: null);
        }

        if (role == Roles.Auditor
            && await store.FindActiveGrantAsync(id, projectCode.Normalize(NormalizationForm.FormC), scope, clock.GetCurrentInstant(), ct) is { } grant)
        {
            return AccessDecision.Allow(id, role, organization, grant.GrantId) with { Grant = grant };
        }

        return AccessDecision.Deny(id, role, organization, "access.no-grant", scope == ContentScope.Copy
            ? "无权复制该项目档案：须持有经审批、在有效期内且范围为复制的授权。"
            : "无权查阅该项目档案：须持有经审批且在有效期内的查阅授权。");
    }
}
