using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>
/// The permission an approved request gives (授权): its requester may read, or copy, the named projects from
/// <see cref="StartsAt"/> until <see cref="EndsAt"/> unless revoked first.
/// </summary>
/// <param name="Id">Its id.</param>
/// <param name="RequestId">The request it answers.</param>
/// <param name="PrincipalId">The auditor it is given to.</param>
/// <param name="StartsAt">The final approval's instant.</param>
/// <param name="EndsAt">Start plus the request's days.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="RevokedBy">Who revoked it.</param>
/// <param name="RevokeReason">Why.</param>
/// <param name="RevokedEntry">The index of its <c>access.revoked</c> entry.</param>
public sealed record AccessGrant(
    Guid Id, Guid RequestId, Guid PrincipalId, Instant StartsAt, Instant EndsAt, Instant? RevokedAt, Guid? RevokedBy, string? RevokeReason, long? RevokedEntry)
{
    /// <summary>Whether the grant allows access at <paramref name="now"/>.</summary>
    /// <param name="now">The current instant.</param>
    public bool IsActiveAt(Instant now) => RevokedAt is null && StartsAt <= now && now < EndsAt;
}
