using Archive.Ingest.Submissions;
using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// Everything one sealing derives from the database: a pure function of the submission (with its fixed version and
/// seal time), its items and the previous version's manifest, so that every retry computes the same bytes.
/// </summary>
internal sealed record SealingPlan(
    Submission Submission,
    IReadOnlyList<SubmissionItem> NewItems,
    string StorageSegment,
    int Version,
    Instant SealedAt,
    Manifest Manifest,
    byte[] ManifestBytes,
    string ManifestSha256,
    long? CheckpointSize,
    byte[]? SealChecks = null,
    string? ArchivalCode = null)
{
    public string ProjectCode => Submission.ProjectCode;

    public string ManifestKey => ArchiveKeys.Manifest(StorageSegment, Version);

    public string BagPrefix => ArchiveKeys.BagPrefix(StorageSegment, Version);

    public long TotalBytes => Manifest.Items.Sum(i => i.Size);

    public string PayloadKey(string itemPath) => ArchiveKeys.BagPayload(StorageSegment, Version, itemPath);
}
