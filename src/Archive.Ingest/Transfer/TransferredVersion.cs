namespace Archive.Ingest.Transfer;

/// <summary>One version named by a recorded transfer.</summary>
/// <param name="Project">The project code.</param>
/// <param name="Version">The version.</param>
/// <param name="ArchivalCode">Its 档号, if it has one.</param>
/// <param name="ManifestSha256">SHA-256 of its manifest.</param>
public sealed record TransferredVersion(string Project, int Version, string? ArchivalCode, string ManifestSha256);
