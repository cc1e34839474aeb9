using Archive.Api.Principals;
using Microsoft.AspNetCore.Authorization;

namespace Archive.Api.Auth;

/// <summary>Authorization policies, one per set of roles that may call an endpoint (CONTRACT §2).</summary>
public static class Policies
{
    /// <summary>Any authenticated principal.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Only <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Only <c>ingest</c>.</summary>
    public const string Ingest = "ingest";

    /// <summary>Only <c>archivist</c>.</summary>
    public const string Archivist = "archivist";

    /// <summary>Registers the policies.</summary>
    public static AuthorizationBuilder AddArchivePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Authenticated, p => p.RequireAuthenticatedUser())
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Ingest, p => p.RequireRole(Roles.Ingest))
        .AddPolicy(Archivist, p => p.RequireRole(Roles.Archivist))
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
