using Archive.Ingest.Submissions;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>What the database holds for one sealing: the submission, its items, the project's segment, version n−1's manifest.</summary>
internal sealed record SealingInputs(
    Submission Submission,
    IReadOnlyList<SubmissionItem> Items,
    string StorageSegment,
    byte[]? PreviousManifest,
    long? CheckpointSize,
    byte[]? SealChecks = null)
{
    /// <summary>The gaps an archivist recorded when sealing the submission incomplete (缺件归档), by role.</summary>
    public IReadOnlyList<Archive.Integrity.Manifests.ManifestGap> Gaps { get; init; } = [];
}
