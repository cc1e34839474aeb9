using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>One version a disposal destroys, as its manifest describes it.</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="ProjectName">Its name.</param>
/// <param name="Version">The version.</param>
/// <param name="ManifestSha256">The manifest's digest (the manifest is kept).</param>
/// <param name="Policy">The retention policy recorded at seal (the retention basis).</param>
/// <param name="SealedUntil">The end of retention recorded at seal.</param>
/// <param name="RetainUntil">The effective end of retention.</param>
/// <param name="Items">The items whose content is destroyed, with both digests.</param>
public sealed record DisposedVersion(
    string ProjectCode, string ProjectName, int Version, string ManifestSha256, string Policy, LocalDate? SealedUntil, LocalDate RetainUntil, IReadOnlyList<ManifestItem> Items);
