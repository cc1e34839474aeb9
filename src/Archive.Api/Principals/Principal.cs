using Archive.Ingest.Submissions;
using NodaTime;

namespace Archive.Api.Principals;

/// <summary>A caller of the API (主体): a person or system with one role and a bearer token.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="Organization">The organisation (e.g. 某州市纪委监委), or the trading platform for ingest.</param>
/// <param name="CreatedAt">When it was created (or proposed).</param>
/// <param name="RevokedAt">When its token was revoked, if it was.</param>
public sealed record Principal(Guid Id, string Name, string Role, string? Organization, Instant CreatedAt, Instant? RevokedAt)
{
    /// <summary>Who created or proposed it; null for the bootstrap admin.</summary>
    public Guid? CreatedBy { get; init; }

    /// <summary>When it became able to act; null while a proposal awaits a security administrator's confirmation.</summary>
    public Instant? ActivatedAt { get; init; }

    /// <summary>When its current token stops working.</summary>
    public Instant? TokenExpiresAt { get; init; }

    /// <summary>Who proposed re-enabling it, while that proposal is open.</summary>
    public Guid? EnableProposedBy { get; init; }

    /// <summary>For a trading system: the project codes it may submit.</summary>
    public CodeOwnership Codes { get; init; } = CodeOwnership.None;

    /// <summary><c>active</c>, <c>pending</c> (awaiting confirmation) or <c>revoked</c>.</summary>
    public string Status => RevokedAt is not null ? "revoked" : ActivatedAt is null ? "pending" : "active";
}
