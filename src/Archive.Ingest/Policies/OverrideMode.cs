namespace Archive.Ingest.Policies;

/// <summary>How a per-role retention override combines with the policy's default rule.</summary>
public enum OverrideMode
{
    /// <summary><c>replace</c>: the override is the role's rule instead of the default.</summary>
    Replace,

    /// <summary>
    /// <c>minimum</c>: a floor; the item is kept until the later of the other applicable rules and this one
    /// (e.g. every notice at least 10 years from publication).
    /// </summary>
    Minimum,
}
