namespace Archive.Ingest.Staging;

/// <summary>What one pass of <see cref="StagingCleanupJob"/> did.</summary>
/// <param name="Expired">Submissions waiting for an archivist's decision (idle past the limit, or rejected undecided); nothing of theirs was deleted.</param>
/// <param name="Cleared">Archived, discarded or released submissions whose staging was removed.</param>
public sealed record StagingCleanupResult(int Expired, int Cleared);
