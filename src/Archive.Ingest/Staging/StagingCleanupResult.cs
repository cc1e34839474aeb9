namespace Archive.Ingest.Staging;

/// <summary>What one pass of <see cref="StagingCleanupJob"/> did.</summary>
/// <param name="Expired">Open submissions rejected for inactivity, their staging removed.</param>
/// <param name="Cleared">Archived or rejected submissions whose leftover staging was removed.</param>
public sealed record StagingCleanupResult(int Expired, int Cleared);
