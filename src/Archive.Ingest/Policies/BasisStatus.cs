namespace Archive.Ingest.Policies;

/// <summary>How firmly a retention rule's basis is established (the marks of DOMAIN.md).</summary>
public enum BasisStatus
{
    /// <summary><c>law</c>: quoted from a law or regulation by several sources ([law]).</summary>
    Law,

    /// <summary><c>std</c>: taken from a national or industry standard ([std]).</summary>
    Standard,

    /// <summary><c>choice</c>: a design decision an operator may change ([choice]).</summary>
    Choice,

    /// <summary><c>unverified</c>: not verified; kept configurable ([?]).</summary>
    Unverified,
}
