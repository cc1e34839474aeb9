using System.Text.Json.Nodes;
using NodaTime;

namespace Archive.Ingest.FourProperties;

/// <summary>The seal-time 四性 record of one sealed version.</summary>
/// <param name="Version">The version.</param>
/// <param name="SealedAt">When it was sealed.</param>
/// <param name="Record">The record (<c>archive-seal-checks/1</c>), or null for a version sealed before seal-time checks existed.</param>
public sealed record VersionSealChecks(int Version, Instant SealedAt, JsonObject? Record);
