using NodaTime;

namespace Archive.Api.Principals;

/// <summary>A caller of the API (主体): a person or system with one role and a bearer token.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="Organization">The organisation (e.g. 某州市纪委监委), or the trading platform for ingest.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When its token was revoked, if it was.</param>
public sealed record Principal(Guid Id, string Name, string Role, string? Organization, Instant CreatedAt, Instant? RevokedAt);
