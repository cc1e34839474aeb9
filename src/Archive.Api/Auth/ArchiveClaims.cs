using System.Security.Claims;

namespace Archive.Api.Auth;

/// <summary>Claim names and accessors for the authenticated principal.</summary>
public static class ArchiveClaims
{
    /// <summary>The principal's organisation.</summary>
    public const string Organization = "archive:organization";

    /// <summary>Which of its tokens the principal presented: <c>Current</c>, or <c>Previous</c> inside a rotation's overlap.</summary>
    public const string TokenKind = "archive:token-kind";

    /// <summary>A region code a trading system may submit (one claim each).</summary>
    public const string Region = "archive:region";

    /// <summary>A project-code prefix a trading system may submit (one claim each).</summary>
    public const string CodePrefix = "archive:code-prefix";

    /// <summary>The authenticated principal's id.</summary>
    /// <exception cref="InvalidOperationException">The request is not authenticated.</exception>
    public static Guid PrincipalId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not authenticated.");

    /// <summary>The authenticated principal's role.</summary>
    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
}
