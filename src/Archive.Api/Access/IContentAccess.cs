using System.Security.Claims;

namespace Archive.Api.Access;

/// <summary>
/// The one gate in front of every content endpoint (Invariant 6): may this caller read or copy this project's content?
/// Called before the project is even looked up, so a refusal never tells whether the project exists.
/// The registered implementation answers for archivists by role; grants for auditors (CONTRACT §7) plug in here.
/// </summary>
public interface IContentAccess
{
    /// <summary>Decides one access.</summary>
    /// <param name="user">The authenticated caller.</param>
    /// <param name="projectCode">The project code as sent in the URL (decoded, NFC); it may not exist.</param>
    /// <param name="scope">Read, or copy (a copy grant also allows reading).</param>
    /// <param name="ct">Cancels any lookup.</param>
    /// <returns>Allowed with the grant relied on, or refused with a 403 code; either way who asked.</returns>
    /// <exception cref="InvalidOperationException">The caller is not authenticated.</exception>
    Task<AccessDecision> AuthorizeAsync(ClaimsPrincipal user, string projectCode, ContentScope scope, CancellationToken ct);
}
