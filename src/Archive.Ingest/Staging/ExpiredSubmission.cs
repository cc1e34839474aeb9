using NodaTime;

namespace Archive.Ingest.Staging;

/// <summary>
/// A submission whose staged bytes wait for an archivist's decision: open but idle past the staging limit, or rejected
/// without a decision. The archivist seals it with gaps (if open) or discards it; nothing is deleted before.
/// </summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="ProjectCode">The project.</param>
/// <param name="Platform">The submitting platform.</param>
/// <param name="Status"><c>open</c> or <c>rejected</c>.</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="LastActivityAt">Its opening or its last item received, whichever is later.</param>
/// <param name="ItemCount">Items staged.</param>
/// <param name="TotalBytes">Their bytes.</param>
public sealed record ExpiredSubmission(
    Guid SubmissionId, string ProjectCode, string Platform, string Status, Instant CreatedAt, Instant LastActivityAt, int ItemCount, long TotalBytes);
