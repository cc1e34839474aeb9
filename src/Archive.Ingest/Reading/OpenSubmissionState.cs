using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>A project's unfinished submission (<c>open</c> or <c>sealing</c>), if it has one.</summary>
/// <param name="Id">The submission.</param>
/// <param name="Status"><c>open</c> or <c>sealing</c>.</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="SealRequestedAt">When sealing was accepted, or null while open.</param>
/// <param name="ItemCount">How many items it has received.</param>
/// <param name="ProblemCount">How many problems its last seal attempt found.</param>
public sealed record OpenSubmissionState(Guid Id, string Status, Instant CreatedAt, Instant? SealRequestedAt, int ItemCount, int ProblemCount);
