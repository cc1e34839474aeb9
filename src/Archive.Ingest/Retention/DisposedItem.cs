using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>One item a disposal destroys on its own (its version is kept), as its version's manifest describes it.</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="ProjectName">Its name.</param>
/// <param name="Version">The version holding the item.</param>
/// <param name="ManifestSha256">The version's manifest digest (the manifest is kept).</param>
/// <param name="Policy">The retention policy recorded at seal (the retention basis).</param>
/// <param name="Item">The item with both digests and its own 保管期限.</param>
/// <param name="RetainUntil">The item's effective end of retention.</param>
public sealed record DisposedItem(string ProjectCode, string ProjectName, int Version, string ManifestSha256, string Policy, ManifestItem Item, LocalDate RetainUntil);
