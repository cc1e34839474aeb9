namespace Archive.Api.Principals;

/// <summary>What a presented bearer token turned out to be.</summary>
public enum TokenState
{
    /// <summary>No active principal holds it (never issued, revoked, or replaced and past its overlap).</summary>
    Unknown,

    /// <summary>It belongs to a principal whose creation or re-enabling awaits a security administrator's confirmation.</summary>
    Pending,

    /// <summary>It was valid and has expired.</summary>
    Expired,

    /// <summary>It is the principal's current token.</summary>
    Current,

    /// <summary>It is the principal's previous token, still inside the rotation overlap.</summary>
    Previous,
}
