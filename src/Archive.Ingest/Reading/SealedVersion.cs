using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>A sealed version located for reading: where its bag lives and what its manifest digest is.</summary>
/// <param name="ProjectCode">The project code.</param>
/// <param name="StorageSegment">The project's safe storage segment (never derived from a request).</param>
/// <param name="Version">The version number.</param>
/// <param name="ManifestSha256">SHA-256 of the stored manifest bytes.</param>
/// <param name="SealedAt">The seal time.</param>
public sealed record SealedVersion(string ProjectCode, string StorageSegment, int Version, string ManifestSha256, Instant SealedAt);
