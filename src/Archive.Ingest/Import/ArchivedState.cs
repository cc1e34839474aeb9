namespace Archive.Ingest.Import;

/// <summary>
/// What the archive holds for a project code, as the import needs it to decide: the unfinished submission (if any)
/// and the latest sealed version's items with their digests.
/// </summary>
/// <param name="PendingSubmission">An open or sealing submission of the project, if one exists.</param>
/// <param name="PendingStatus">Its status.</param>
/// <param name="PendingPlatform">Its platform.</param>
/// <param name="LatestVersion">The latest archived version, 0 when none.</param>
/// <param name="LatestItems">That version's items by path: (role, sha256).</param>
public sealed record ArchivedState(
    Guid? PendingSubmission, string? PendingStatus, string? PendingPlatform, int LatestVersion,
    IReadOnlyDictionary<string, (string Role, string Sha256)> LatestItems);
