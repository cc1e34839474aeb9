using System.Text.Json.Nodes;
using Archive.Core.Errors;
using NodaTime;

namespace Archive.Ingest.Submissions;

/// <summary>A trading system's delivery of one project's records (归档提交): new, or a supplement to an archived project.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ProjectCode">The project code as sent.</param>
/// <param name="Platform">The submitting trading platform (the ingest principal's organisation).</param>
/// <param name="SubmittedBy">The ingest principal.</param>
/// <param name="Status">One of <see cref="SubmissionStatus"/>.</param>
/// <param name="Metadata">The project metadata as sent (JSON).</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="Version">The version it seals, fixed when sealing starts.</param>
/// <param name="SealedAt">The seal time, fixed when sealing starts.</param>
/// <param name="ManifestSha256">The sealed manifest's digest, once archived.</param>
/// <param name="LedgerIndex">The <c>package.sealed</c> entry's index, once archived.</param>
/// <param name="Problems">The problems found by the last seal attempt.</param>
public sealed record Submission(
    Guid Id,
    string ProjectCode,
    string Platform,
    Guid SubmittedBy,
    string Status,
    JsonObject Metadata,
    Instant CreatedAt,
    int? Version,
    Instant? SealedAt,
    string? ManifestSha256,
    long? LedgerIndex,
    IReadOnlyList<ArchiveProblem> Problems);
