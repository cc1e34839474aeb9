using System.Security.Claims;
using Archive.Api.Auth;

namespace Archive.Api.Access.Requests;

/// <summary>Who calls the access workflow, as the bearer token authenticated them.</summary>
/// <param name="Id">The principal.</param>
/// <param name="Name">Its name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Organization">Its organisation, if recorded.</param>
public sealed record AccessCaller(Guid Id, string Name, string Role, string? Organization)
{
    /// <summary>The caller of an authenticated request.</summary>
    /// <param name="user">The request's user.</param>
    /// <exception cref="InvalidOperationException">The request is not authenticated.</exception>
    public static AccessCaller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AccessCaller(user.PrincipalId(), user.FindFirstValue(ClaimTypes.Name) ?? string.Empty, user.Role() ?? string.Empty,
            user.FindFirstValue(ArchiveClaims.Organization));
    }
}
