using Archive.Core.Errors;
using NodaTime;

namespace Archive.Ingest.Sealing;

/// <summary>A seal accepted but stopped by a failure retrying will not heal (待处理的封存), waiting for an archivist.</summary>
/// <param name="SubmissionId">The submission, in status <c>sealing</c>.</param>
/// <param name="ProjectCode">Its project.</param>
/// <param name="Platform">The submitting trading platform.</param>
/// <param name="Version">The version it was sealing.</param>
/// <param name="SealRequestedAt">When the seal was accepted.</param>
/// <param name="Problems">What stopped it.</param>
public sealed record ParkedSeal(
    Guid SubmissionId, string ProjectCode, string Platform, int? Version, Instant? SealRequestedAt, IReadOnlyList<ArchiveProblem> Problems);
