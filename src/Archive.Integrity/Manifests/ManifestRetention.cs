using NodaTime;

namespace Archive.Integrity.Manifests;

/// <summary>
/// The retention (保存期限) of a sealed version: the policy id from <c>retention-policies/</c> and
/// the last day of keeping, or <see langword="null"/> for permanent (永久) — written as
/// <c>"until": "permanent"</c>, otherwise as <c>"until": "yyyy-MM-dd"</c>.
/// </summary>
public sealed record ManifestRetention
{
    /// <summary>The text written for a permanent retention.</summary>
    public const string Permanent = "permanent";

    /// <summary>Creates a retention.</summary>
    /// <param name="policy">The policy id (lower-case slug, e.g. <c>procurement-15y</c>).</param>
    /// <param name="until">The last day of keeping; <see langword="null"/> for permanent.</param>
    /// <exception cref="ArgumentException">The policy id is not a slug.</exception>
    public ManifestRetention(string policy, LocalDate? until)
    {
        Policy = ManifestRules.IsSlug(policy) ? policy : throw new ArgumentException("The retention policy id is a lower-case slug.", nameof(policy));
        Until = until is { } date && (date.Year < 1 || date.Year > 9999)
            ? throw new ArgumentOutOfRangeException(nameof(until), "The date must fall in the years 0001–9999.")
            : until;
    }

    /// <summary>The retention policy id.</summary>
    public string Policy { get; }

    /// <summary>The last day of keeping, or <see langword="null"/> for permanent.</summary>
    public LocalDate? Until { get; }

    /// <summary>Whether the retention is permanent.</summary>
    public bool IsPermanent => Until is null;
}
