using Archive.Core.Errors;

namespace Archive.Ingest.FourProperties;

/// <summary>What the content checks at seal found.</summary>
/// <param name="Problems">Every usability and security problem, one per item and check (一次性告知).</param>
/// <param name="Record">The seal-time record (<c>archive-seal-checks/1</c>, canonical JSON) that goes into the bag's <c>archive/seal-checks.json</c>.</param>
public sealed record SealTimeCheckResult(IReadOnlyList<ArchiveProblem> Problems, byte[] Record);
