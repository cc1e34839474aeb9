namespace Archive.Integrity.Manifests;

/// <summary>The optional gaps of a version sealed incomplete (缺件归档).</summary>
public sealed partial record Manifest
{
    private readonly IReadOnlyList<ManifestGap> gaps = [];

    /// <summary>
    /// The required items missing when the version was sealed, with their written reasons, ordered by role; empty for a
    /// complete version, and then the manifest has no <c>gaps</c> member (readers of manifests without it are unaffected).
    /// </summary>
    /// <exception cref="ArgumentException">A role appears twice.</exception>
    public IReadOnlyList<ManifestGap> Gaps
    {
        get => gaps;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var sorted = value.OrderBy(g => g.Role, StringComparer.Ordinal).ToList();
            if (sorted.Select(g => g.Role).Distinct(StringComparer.Ordinal).Count() != sorted.Count)
            {
                throw new ArgumentException("A gap's role appears twice.", nameof(Gaps));
            }

            gaps = sorted.AsReadOnly();
        }
    }
}
