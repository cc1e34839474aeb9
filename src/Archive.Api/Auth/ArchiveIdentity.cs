using System.Security.Claims;
using Archive.Api.Principals;

namespace Archive.Api.Auth;

/// <summary>
/// The claims of an authenticated principal, the same whether it came with a bearer token or a console session, so
/// that every policy and service sees one shape (<see cref="ArchiveClaims"/>).
/// </summary>
public static class ArchiveIdentity
{
    /// <summary>The claims principal of <paramref name="principal"/>.</summary>
    /// <param name="principal">The active principal.</param>
    /// <param name="tokenKind">Which token it presented (<see cref="TokenState.Current"/> for a console session).</param>
    /// <param name="scheme">The authentication scheme.</param>
    public static ClaimsPrincipal For(Principal principal, TokenState tokenKind, string scheme)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, principal.Id.ToString()),
            new(ClaimTypes.Name, principal.Name),
            new(ClaimTypes.Role, principal.Role),
            new(ArchiveClaims.TokenKind, tokenKind.ToString()),
        };
        claims.AddRange(principal.Codes.Regions.Select(r => new Claim(ArchiveClaims.Region, r)));
        claims.AddRange(principal.Codes.CodePrefixes.Select(p => new Claim(ArchiveClaims.CodePrefix, p)));
        if (principal.Organization is not null)
        {
            claims.Add(new Claim(ArchiveClaims.Organization, principal.Organization));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
